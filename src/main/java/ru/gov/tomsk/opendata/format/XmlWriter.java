package ru.gov.tomsk.opendata.format;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The XML conventions of every published file: UTF-8 without BOM, LF, two-space indent, no
 * namespaces on data. Hand-written rather than StAX for two reasons: {@code XMLOutputFactory} picks
 * its implementation from the classpath, and implementations differ in the bytes they produce (which
 * characters they escape), while published bytes must not change with a dependency upgrade, since the
 * goldens and consumers' diffs depend on them; and the JDK's writer passes through characters that
 * XML 1.0 cannot carry, producing a file that every parser rejects.
 *
 * <p>Such characters (controls other than TAB, LF and CR, U+FFFE, U+FFFF, unpaired surrogates) are
 * therefore refused with an exception naming the character, rather than dropped or replaced.
 */
final class XmlWriter implements Closeable {

    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @FunctionalInterface
    interface Body {
        void write(XmlWriter xml) throws IOException;
    }

    private final Writer out;
    private int depth;

    XmlWriter(Writer out) {
        this.out = out;
    }

    /** One pretty-printed XML document, declaration first. */
    static byte[] render(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XmlWriter xml = new XmlWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            xml.raw(DECLARATION);
            body.write(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Opens an element on its own line; {@code attributes} are name, value pairs. */
    void start(String name, String... attributes) throws IOException {
        indent();
        tag(name, attributes);
        out.write(">\n");
        depth++;
    }

    void end(String name) throws IOException {
        depth--;
        indent();
        out.write("</");
        out.write(name);
        out.write(">\n");
    }

    /** A text-only element on its own line; no text gives an empty element. */
    void element(String name, String text, String... attributes) throws IOException {
        indent();
        inline(name, text, attributes);
        out.write('\n');
    }

    /** A text-only element with no indentation or line break around it. */
    void inline(String name, String text, String... attributes) throws IOException {
        tag(name, attributes);
        if (text == null || text.isEmpty()) {
            out.write("/>");
            return;
        }
        out.write('>');
        escape(text, false);
        out.write("</");
        out.write(name);
        out.write('>');
    }

    /** Markup written as is; the caller vouches for it. */
    void raw(String markup) throws IOException {
        out.write(markup);
    }

    private void tag(String name, String... attributes) throws IOException {
        out.write('<');
        out.write(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.write(' ');
            out.write(attributes[i]);
            out.write("=\"");
            escape(attributes[i + 1], true);
            out.write('"');
        }
    }

    private void indent() throws IOException {
        for (int i = 0; i < depth; i++) {
            out.write("  ");
        }
    }

    /**
     * Writes runs of ordinary characters in one call, since this runs for every value of every record.
     * In attributes, quotes and whitespace other than the space are written as references because a
     * parser would otherwise end the value or normalise the whitespace to spaces; in text, LF and TAB
     * stay literal and CR becomes a reference because parsers turn a literal CR into LF.
     */
    private void escape(String text, boolean attribute) throws IOException {
        int length = text.length();
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> attribute ? "&quot;" : null;
                case '\n' -> attribute ? "&#10;" : null;
                case '\t' -> attribute ? "&#9;" : null;
                case '\r' -> "&#13;";
                default -> {
                    check(text, i, c);
                    yield null;
                }
            };
            if (replacement != null) {
                out.write(text, run, i - run);
                out.write(replacement);
                run = i + 1;
            }
        }
        out.write(text, run, length - run);
    }

    private static void check(String text, int i, char c) {
        boolean allowed;
        if (c < 0x20) {
            allowed = false;
        } else if (Character.isHighSurrogate(c)) {
            allowed = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        } else if (Character.isLowSurrogate(c)) {
            allowed = i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        } else {
            allowed = c != '\uFFFE' && c != '\uFFFF';
        }
        if (!allowed) {
            throw new IllegalArgumentException(String.format("character U+%04X at index %d cannot be written in XML 1.0", (int) c, i));
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
