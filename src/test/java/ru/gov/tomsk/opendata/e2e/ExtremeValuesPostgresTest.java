package ru.gov.tomsk.opendata.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.QuarantineEntry;
import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.Golden;
import ru.gov.tomsk.opendata.support.Libxml2Validator;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.StructureValidators;
import ru.gov.tomsk.opendata.support.TestApp;

/**
 * Issue 10, item 5, through the real application and PostgreSQL's own float8, numeric and date: the
 * published XML validates with libxml2 against the published XSD (xmllint once refused a 301-digit
 * xs:decimal made from a float8 of 1e300), the JSON against its schema, and what no validator would
 * take goes to quarantine with field, value and reason instead of into the files.
 */
class ExtremeValuesPostgresTest {

    static final String FEED = "7017069388-extreme";
    static final String VERSION = "data-20260320T0900-structure-20260320T0900";

    @TempDir
    Path home;

    @Test
    void publishedFilesValidateAndWhatCannotBeWrittenIsQuarantined() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                ScriptUtils.executeSqlScript(c, new ClassPathResource("e2e/extreme.sql"));
            }
            Fixtures.installFeed(home, FEED + ".yaml", FEED + ".yaml");
            Path dir = TestApp.portal(home).resolve(FEED);

            try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")),
                    Fixtures.sourceProperties(postgres.getJdbcUrl("postgres", "postgres"), "postgres", ""))) {
                FeedRun run = app.run(FEED);

                assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.PUBLISHED);
                assertThat(run.rowsRead()).isEqualTo(7);
                assertThat(run.rowsWritten()).isEqualTo(4);
                assertThat(app.bean(GateRepository.class).quarantine(run.id()))
                        .extracting(QuarantineEntry::row, QuarantineEntry::field, QuarantineEntry::value, QuarantineEntry::reason)
                        .containsExactly(
                                tuple(5L, "amount", "1" + "0".repeat(79) + "…", "В числе больше 24 цифр. Подробности: field amount, value '1" + "0".repeat(79) + "…': longer than 24 digits (301 written out); "
                                        + "a number field is an exact decimal and holds at most 24 digits, as XML validators "
                                        + "such as libxml2 read xs:decimal; floating-point values belong in a double field"),
                                tuple(6L, "count", "1000000000000000000000000", "В числе больше 24 цифр. Подробности: field count, value '1000000000000000000000000': longer than 24 digits (25 written out); "
                                        + "an integer field holds at most 24 digits, as XML validators such as libxml2 read "
                                        + "xs:integer; a code of more digits is a string field"),
                                tuple(7L, "reading", "1.0E300", "В числе больше 24 цифр. Подробности: field reading, value '1.0E300': longer than 24 digits (301 written out); a number field is "
                                        + "an exact decimal and holds at most 24 digits, as XML validators such as libxml2 "
                                        + "read xs:decimal; floating-point values belong in a double field"));
            }

            Golden.assertMatches(dir.resolve(VERSION + ".xml"), "extreme/data.xml");
            Golden.assertMatches(dir.resolve("structure-20260320T0900.xsd"), "extreme/structure.xsd");
            Golden.assertMatches(dir.resolve("structure-20260320T0900.csv"), "extreme/structure.csv");
            byte[] xsd = Files.readAllBytes(dir.resolve("structure-20260320T0900.xsd"));
            byte[] xml = Files.readAllBytes(dir.resolve(VERSION + ".xml"));
            Libxml2Validator.validate(xsd, xml);
            assertThat(StructureValidators.jsonErrors(
                    StructureValidators.jsonSchema(Files.readAllBytes(dir.resolve("structure-20260320T0900.json"))),
                    Files.readAllBytes(dir.resolve(VERSION + ".json")))).isEmpty();

            assumeTrue(Libxml2Validator.xmllintInstalled(), "xmllint is not on the PATH; validated with libxml2's limits only");
            Libxml2Validator.XmllintResult xmllint = Libxml2Validator.xmllint(home, xsd, xml);
            assertThat(xmllint.valid()).as("xmllint: %s", xmllint.output()).isTrue();
        }
    }
}
