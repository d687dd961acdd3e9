package ru.gov.tomsk.opendata.support;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * XML Schema validation as libxml2 2.9 (xmllint, PHP, Python's lxml) does it, for the flat schemas the
 * service publishes. The JDK's validator alone is not enough: it takes values that libxml2 refuses. So
 * this runs the JDK's validator and then the limits by which libxml2 2.9.14 (Debian 12) is stricter,
 * found by probing {@code xmllint --noout --schema} with one-element schemas:
 *
 * <pre>
 * xs:decimal, xs:integer  24 digits pass, 25 fail; leading zeros of the integer part are not counted
 *                         (000…0001 passes), every fraction digit is, trailing zeros too:
 *                         1.000000000000000000000000 (1 + 24) fails, 0.000000000000000000000001 passes.
 *                         The same holds for facet values: a 25-digit minInclusive breaks the schema.
 * xs:date, xs:dateTime    year 0000 fails; -0001 and 10000 pass; "+" before the year fails;
 *                         offsets up to ±14:00 pass, +14:01, +15:00 and +05:39:51 fail.
 * xs:double               more lenient than the JDK (even "1E" passes): 1E300, 1E+300, 4.9E-324,
 *                         1.7976931348623157E308, 30 digits, INF, -INF, NaN pass; "+INF" fails.
 * </pre>
 *
 * Each limit below is one of these rows; {@link #xmllint} runs the real program where it is installed.
 */
public final class Libxml2Validator {

    /** libxml2 2.9 keeps a decimal in three words of 8 digits. */
    public static final int DECIMAL_DIGITS = 24;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?0*([0-9]*)(?:\\.([0-9]*))?");
    private static final Pattern DATE_TIME = Pattern.compile("-?([0-9]{4,})-.*?(?:Z|([+-])([0-9]{2}):([0-9]{2}))?");
    private static final Pattern OFFSET_WITH_SECONDS = Pattern.compile(".*[+-][0-9]{2}:[0-9]{2}:[0-9]{2}");
    private static final Pattern YEAR_ZERO = Pattern.compile("-?0+");
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private Libxml2Validator() {
    }

    /**
     * @throws SAXException when the JDK's validator refuses the document, or a value or facet lies
     *                      beyond libxml2's limits (naming the element, its type and the value)
     */
    public static void validate(byte[] xsd, byte[] xml) throws SAXException, IOException {
        StructureValidators.validateXml(StructureValidators.xsd(xsd), xml);
        Map<String, String> types = elementTypes(xsd);
        for (String facet : facetValues(xsd)) {
            String[] typeAndValue = facet.split("\\|", 2);
            refuse("a facet of the schema", typeAndValue[0], typeAndValue[1]);
        }
        NodeList elements = parse(xml).getElementsByTagName("*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            String type = types.get(element.getTagName());
            if (type != null) {
                refuse("element " + element.getTagName(), type, element.getTextContent());
            }
        }
    }

    /** Why libxml2 2.9 refuses {@code value} as a value of the built-in {@code type}, if it does. */
    public static Optional<String> refusal(String type, String value) {
        String lexical = value.strip();
        switch (type) {
            case "xs:decimal", "xs:integer" -> {
                Matcher m = DECIMAL.matcher(lexical);
                if (m.matches()) {
                    int digits = m.group(1).length() + (m.group(2) == null ? 0 : m.group(2).length());
                    if (digits > DECIMAL_DIGITS) {
                        return Optional.of(digits + " digits, libxml2 holds " + DECIMAL_DIGITS);
                    }
                }
            }
            case "xs:date", "xs:dateTime" -> {
                if (lexical.startsWith("+")) {
                    return Optional.of("a + before the year");
                }
                if (OFFSET_WITH_SECONDS.matcher(lexical).matches()) {
                    return Optional.of("an offset with seconds");
                }
                Matcher m = DATE_TIME.matcher(lexical);
                if (m.matches()) {
                    if (YEAR_ZERO.matcher(m.group(1)).matches()) {
                        return Optional.of("year 0000");
                    }
                    if (m.group(2) != null && Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4)) > 14 * 60) {
                        return Optional.of("an offset beyond ±14:00");
                    }
                }
            }
            default -> {
                // xs:double, xs:string, xs:boolean: libxml2 takes all that the JDK takes
            }
        }
        return Optional.empty();
    }

    private static void refuse(String where, String type, String value) throws SAXException {
        Optional<String> refusal = refusal(type, value);
        if (refusal.isPresent()) {
            throw new SAXException("libxml2 refuses " + where + ": '" + value + "' is not a valid " + type + " ("
                    + refusal.get() + ")");
        }
    }

    /** Each declared element's built-in type: its {@code type}, or the base of its restriction. */
    public static Map<String, String> elementTypes(byte[] xsd) {
        Map<String, String> types = new LinkedHashMap<>();
        NodeList elements = parse(xsd).getElementsByTagNameNS(XS, "element");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            String type = element.getAttribute("type");
            if (type.isEmpty()) {
                type = child(child(element, "simpleType"), "restriction").map(r -> r.getAttribute("base")).orElse("");
            }
            if (!type.isEmpty()) {
                types.put(element.getAttribute("name"), type);
            }
        }
        return types;
    }

    private static Optional<Element> child(Element parent, String localName) {
        return child(Optional.of(parent), localName);
    }

    private static Optional<Element> child(Optional<Element> parent, String localName) {
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        for (Node child = parent.get().getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && XS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every facet value as {@code type|value}: libxml2 must read them as values of the base type. */
    private static List<String> facetValues(byte[] xsd) {
        List<String> facets = new ArrayList<>();
        NodeList restrictions = parse(xsd).getElementsByTagNameNS(XS, "restriction");
        for (int i = 0; i < restrictions.getLength(); i++) {
            Element restriction = (Element) restrictions.item(i);
            for (Node child = restriction.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element facet && facet.hasAttribute("value")
                        && List.of("minInclusive", "maxInclusive", "enumeration").contains(facet.getLocalName())) {
                    facets.add(restriction.getAttribute("base") + "|" + facet.getAttribute("value"));
                }
            }
        }
        return facets;
    }

    private static Document parse(byte[] document) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(document));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException("not an XML document: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the {@code xmllint} program is on the PATH. */
    public static boolean xmllintInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "xmllint"))) {
                return true;
            }
        }
        return false;
    }

    /** The outcome of {@code xmllint --noout --schema}: its exit code and what it printed. */
    public record XmllintResult(int exitCode, String output) {

        public boolean valid() {
            return exitCode == 0;
        }
    }

    /** Runs the real {@code xmllint --noout --schema structure.xsd data.xml} on copies in {@code dir}. */
    public static XmllintResult xmllint(Path dir, byte[] xsd, byte[] xml) throws IOException, InterruptedException {
        Path schema = Files.write(Files.createTempFile(dir, "structure-", ".xsd"), xsd);
        Path data = Files.write(Files.createTempFile(dir, "data-", ".xml"), xml);
        Process process = new ProcessBuilder("xmllint", "--noout", "--nonet", "--schema", schema.toString(), data.toString())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("xmllint did not finish within 30 s");
        }
        return new XmllintResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
