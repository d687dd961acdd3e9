package ru.gov.tomsk.opendata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.source.SourceOptionChecks;

/**
 * Every feed example of the departments' guide ({@code docs/guide.ru.md}) is checked by the service's own validator:
 * a department copies them, so each must load as written, and each one marked {@code # пример с ошибкой: строка N[,
 * property]} must fail exactly where the guide says. A {@code source:} fragment is checked inside the guide's first
 * complete example, in place of its source.
 */
class GuideExamplesTest {

    private static final Pattern WRONG = Pattern.compile("^# пример с ошибкой: строка (\\d+)(?:, (\\S+))?\\s*$");
    private static final Pattern SOURCE_SECTION = Pattern.compile("(?ms)^source:.*?(?=^\\S)");

    /** As the demo service has them: its datasource, its two portals; every ${ENV} of an example is set. */
    private final FeedFileValidator validator = new FeedFileValidator(FeedRules.of(Set.of("situation-centre"),
            name -> "/srv/opendata/" + name, SourceOptionChecks.all().byKind()).withTargets(Set.of("regional", "federal")));

    static String guide() throws Exception {
        return new ClassPathResource("docs/guide.ru.md").getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Parser.builder().build().parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                if ("yaml".equals(block.getInfo())) {
                    blocks.add(block.getLiteral());
                }
            }
        });
        return blocks;
    }

    @Test
    void theServedGuideIsTheRepositorysFileNotACopy() throws Exception {
        assertThat(guide()).isEqualTo(Files.readString(Path.of("docs/guide.ru.md")));
    }

    @Test
    void everyFeedExampleValidatesAndEveryWrongOneFailsWhereTheGuideSays() throws Exception {
        List<String> blocks = yamlBlocks(guide());
        String template = null;
        int valid = 0;
        int wrong = 0;
        int fragments = 0;
        for (String block : blocks) {
            Matcher marker = WRONG.matcher(block.lines().findFirst().orElse(""));
            if (marker.matches()) {
                List<FeedProblem> problems = validator.validate(null, block);
                int line = Integer.parseInt(marker.group(1));
                String property = marker.group(2);
                assertThat(problems).as("the guide's wrong example:\n%s", block)
                        .anySatisfy(p -> {
                            assertThat(p.line()).isEqualTo(line);
                            if (property != null) {
                                assertThat(p.field()).isEqualTo(property);
                            }
                        });
                wrong++;
            } else if (block.lines().anyMatch(l -> l.startsWith("identifier:"))) {
                FeedDefinition feed = parse(block);
                assertThat(feed.identifier()).startsWith("7017069388-");
                template = template == null ? block : template;
                valid++;
            } else {
                assertThat(block).as("a yaml block of the guide is a feed file or a source: fragment").startsWith("source:");
                assertThat(template).as("a fragment comes after the complete example it is tried in").isNotNull();
                Matcher source = SOURCE_SECTION.matcher(template);
                assertThat(source.find()).isTrue();
                parse(template.substring(0, source.start()) + block + template.substring(source.end()));
                fragments++;
            }
        }
        // the guide's examples as written today: a template per way of getting data, four mistakes, one fragment
        assertThat(valid).isGreaterThanOrEqualTo(2);
        assertThat(wrong).isGreaterThanOrEqualTo(4);
        assertThat(fragments).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theTemplateUsesTheRussianFrequencyWordAndReadsTheExcelExportsColumns() throws Exception {
        FeedDefinition template = parse(yamlBlocks(guide()).get(0));
        assertThat(template.frequency().russianWord()).isEqualTo("ежеквартально");
        assertThat(template.source().kind()).isEqualTo("file");
        assertThat(template.structure().fields()).extracting(f -> f.source())
                .contains("Код", "Наименование", "Дата открытия");
    }

    private FeedDefinition parse(String yaml) {
        try {
            return validator.parse(null, yaml);
        } catch (InvalidFeedException e) {
            throw new AssertionError("the guide's example does not load: " + e.problems() + "\n" + yaml, e);
        }
    }
}
