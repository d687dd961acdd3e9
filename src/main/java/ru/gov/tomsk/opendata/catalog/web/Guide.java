package ru.gov.tomsk.opendata.catalog.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The departments' guide «Как опубликовать набор открытых данных»: {@code docs/guide.ru.md} of the repository,
 * packaged as {@code classpath:docs/guide.ru.md} (one source, no copy), rendered once at start-up.
 *
 * <p>Raw HTML in the Markdown is escaped and unsafe link schemes are dropped: the page is public, and a
 * guide edited by many hands must not be a way to put a script on the section.
 */
@Component
class Guide {

    static final String RESOURCE = "docs/guide.ru.md";
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final GuidePage page;

    Guide() {
        this.page = render(read());
    }

    GuidePage page() {
        return page;
    }

    private static String read() {
        try {
            return new ClassPathResource(RESOURCE).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the guide " + RESOURCE + " is not on the classpath", e);
        }
    }

    static GuidePage render(String markdown) {
        Node document = Parser.builder().extensions(EXTENSIONS).build().parse(markdown);
        String title = "";
        List<GuidePage.Entry> contents = new ArrayList<>();
        Map<Node, String> ids = new IdentityHashMap<>();
        IdGenerator idGenerator = IdGenerator.builder().defaultId("razdel").build();
        Heading first = null;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                String text = text(heading);
                if (heading.getLevel() == 1 && first == null) {
                    // the page's own <h1>, outside the article, so that the contents can stand between them
                    first = heading;
                    title = text;
                    continue;
                }
                String id = idGenerator.generateId(text);
                ids.put(heading, id);
                if (heading.getLevel() <= 3) {
                    contents.add(new GuidePage.Entry(heading.getLevel(), id, text));
                }
            }
        }
        // what stands between the title and the first section introduces the guide: it goes above the contents
        Document lead = new Document();
        Node next = first == null ? null : first.getNext();
        while (next != null && !(next instanceof Heading)) {
            Node paragraph = next;
            next = next.getNext();
            lead.appendChild(paragraph);
        }
        if (first != null) {
            first.unlink();
        }
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    String id = ids.get(node);
                    if (id != null) {
                        attributes.put("id", id);
                    }
                })
                .build();
        return new GuidePage(title, renderer.render(lead), contents, renderer.render(document));
    }

    /** A heading's text as the reader sees it: its words and code spans, without the Markdown around them. */
    private static String text(Node heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }

            // shown as text on the page (raw HTML is escaped), so the contents say the same
            @Override
            public void visit(HtmlInline node) {
                text.append(node.getLiteral());
            }
        });
        return text.toString().strip();
    }
}
