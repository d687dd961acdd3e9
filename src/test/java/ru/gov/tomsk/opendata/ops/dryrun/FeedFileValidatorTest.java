package ru.gov.tomsk.opendata.ops.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.ops.FeedFileValidator;
import ru.gov.tomsk.opendata.source.SourceOptionChecks;
import ru.gov.tomsk.opendata.support.Fixtures;

/** A posted feed file is checked as the service would load it: same parser, rules and source option checks. */
class FeedFileValidatorTest {

    /** As the service builds them: one datasource, the source kinds' checks, one target. */
    final FeedFileValidator validator = new FeedFileValidator(FeedRules.of(Set.of("fixture"), Map.of("FTP_PASSWORD", "x")::get,
            SourceOptionChecks.all().byKind()).withTargets(Set.of("regional")));

    static String fixture() throws Exception {
        return new ClassPathResource("e2e/" + Fixtures.FEED + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aValidFileHasNoProblemsAndItsNameDefaultsToItsIdentifier() throws Exception {
        assertThat(validator.validate(Fixtures.FEED + ".yaml", fixture())).isEmpty();
        assertThat(validator.validate(null, fixture())).isEmpty();
        assertThat(validator.validate("  ", fixture())).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsLine() throws Exception {
        String broken = fixture()
                .replace("frequency: quarterly", "frequency: sometimes")
                .replace("type: number }", "type: money }");
        List<FeedProblem> problems = validator.validate(null, broken);
        assertThat(problems).extracting(FeedProblem::line, FeedProblem::field)
                .containsExactly(tuple(7, "frequency"), tuple(20, "structure.fields[3].type"));
        assertThat(problems.get(0).message()).contains("'sometimes'");
        assertThat(problems.get(1).column()).isGreaterThan(1);
    }

    @Test
    void aFileMissingMostPropertiesGetsEachNamedNotACrash() {
        assertThat(validator.validate(null, "title: x\n"))
                .extracting(FeedProblem::line, FeedProblem::field, FeedProblem::message)
                .contains(tuple(1, "identifier", "required property is missing"),
                        tuple(1, "subject", "required property is missing"))
                .noneMatch(p -> String.valueOf(p.toList().get(2)).startsWith("cannot be read"));
    }

    @Test
    void theFileNameMustMatchTheIdentifierAndBeAFeedFileName() throws Exception {
        assertThat(validator.validate("7017069388-other.yaml", fixture())).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.field()).isEqualTo("identifier");
                    assertThat(p.message()).contains("name the file " + Fixtures.FEED + ".yaml");
                });
        assertThat(validator.validate("../" + Fixtures.FEED + ".yaml", fixture())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is not a feed file name"));
    }

    @Test
    void anOversizedFileIsOneProblemNotAnException() throws Exception {
        String big = fixture() + "# " + "x".repeat(FeedFileValidator.MAX_BYTES) + "\n";
        List<FeedProblem> problems = validator.validate(null, big);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isZero();
            assertThat(p.message()).isEqualTo("the file has " + big.getBytes(StandardCharsets.UTF_8).length
                    + " bytes; a feed file may have at most 262144 (256 KiB)");
        });
    }

    @Test
    void hostileYamlIsRefusedAsAProblem() throws Exception {
        // "billion laughs": aliases of aliases would expand to gigabytes
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        assertThat(validator.validate("7017069388-bomb.yaml", bomb.toString())).singleElement()
                .satisfies(p -> assertThat(p.message()).containsIgnoringCase("aliases"));
        // a repeated property: the later one must not win silently
        assertThat(validator.validate(null, fixture().replace("frequency: quarterly", "frequency: quarterly\nfrequency: daily")))
                .singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(8);
                    assertThat(p.field()).isEqualTo("frequency");
                    assertThat(p.message()).isEqualTo("is given twice (first on line 7); keep one");
                });
    }
}
