package ru.gov.tomsk.opendata.ops.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.dataset.ColumnMatch;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.ops.DraftDryRun;
import ru.gov.tomsk.opendata.ops.DraftSample;
import ru.gov.tomsk.opendata.ops.Drafts;
import ru.gov.tomsk.opendata.ops.DryRunRefusedException;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.Workbooks;

/**
 * A draft tried with a sample file: the sample is read as a run reads a drop (encoding and separator told from the
 * bytes, XLSX cells), or as a push's body, and nothing is written anywhere: not the service's home, not its state
 * database, and the sample's temporary directory is gone afterwards.
 */
class DraftDryRunTest {

    @TempDir
    Path home;

    @Test
    void samplesAreReadAsARunReadsThemAndNothingIsWritten() throws Exception {
        Path inbox = home.resolve("inbox");
        List<Path> samplesBefore = DraftFiles.sampleDirectories();
        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), Map.of())) {
            StateSnapshot.stopTimers(app);
            Drafts drafts = app.bean(Drafts.class);
            StateSnapshot before = StateSnapshot.of(home, app);

            // cp1251, semicolons: told from the bytes (charset and separator auto)
            FeedDefinition csvFeed = drafts.parse(DraftFiles.operator(), DraftFiles.draft("  kind: file\n  directory: "
                    + inbox + "\n  include: organisations*.csv\n  format: csv\n"));
            byte[] cp1251 = ("id;name;amount;opened;active\r\n1;Школа № 1;1234.50;01.09.1990;да\r\n"
                    + "2;Гимназия «Эврика»;0;;нет\r\n").getBytes(Charset.forName("windows-1251"));
            DraftDryRun csv = drafts.tryDraft(csvFeed, new DraftSample("organisations-2026.csv", cp1251), 10);
            assertThat(csv.result().error()).isNull();
            assertThat(csv.sample()).isEqualTo("organisations-2026.csv");
            assertThat(csv.result().source()).isEqualTo("sample organisations-2026.csv");
            assertThat(csv.result().rowsRead()).isEqualTo(2);
            assertThat(csv.result().firstRows()).containsExactly(
                    List.of("1", "Школа № 1", "1234.5", "1990-09-01", "true"),
                    java.util.Arrays.asList("2", "Гимназия «Эврика»", "0", null, "false"));
            assertThat(csv.columns().matches()).isTrue();
            assertThat(csv.result().sourceColumns()).containsExactly("id", "name", "amount", "opened", "active");
            assertThat(csv.result().comparedWithVersion()).isNull();
            assertThat(csv.structure()).isNull();
            assertThat(csv.installed()).isFalse();
            assertThat(csv.installable()).isTrue();

            // XLSX: the first sheet, cells as their types
            FeedDefinition xlsxFeed = drafts.parse(DraftFiles.operator(), DraftFiles.draft("  kind: file\n  directory: "
                    + inbox + "\n  include: organisations*.xlsx\n  format: xlsx\n"));
            byte[] workbook = Workbooks.xlsx(book -> {
                Sheet sheet = book.createSheet("Организации");
                Workbooks.row(sheet, 0, "id", "name", "amount", "opened", "active");
                Workbooks.row(sheet, 1, 7, "Музей истории", 250.25, "15.06.2015", "да");
            });
            DraftDryRun xlsx = drafts.tryDraft(xlsxFeed, new DraftSample("Выгрузка.xlsx", workbook), 10);
            assertThat(xlsx.result().error()).isNull();
            assertThat(xlsx.result().firstRows()).containsExactly(
                    List.of("7", "Музей истории", "250.25", "2015-06-15", "true"));
            assertThat(xlsx.sample()).isEqualTo("Выгрузка.xlsx");

            // a column named otherwise than the feed says: the run would fail; the mismatch is shown both ways
            byte[] renamed = "id,Наименование,amount,opened,active,note\r\n1,Школа,1,01.09.1990,да,x\r\n"
                    .getBytes(StandardCharsets.UTF_8);
            DraftDryRun mismatch = drafts.tryDraft(csvFeed, new DraftSample("organisations.csv", renamed), 10);
            assertThat(mismatch.result().error()).contains("no column 'name'");
            assertThat(mismatch.columns().missing()).containsExactly(new ColumnMatch.Missing("name", "name"));
            assertThat(mismatch.columns().extra()).containsExactly("Наименование", "note");
            assertThat(mismatch.installable()).isFalse();

            // push: the sample is the body of a push, read through the push Kamelet
            FeedDefinition pushFeed = drafts.parse(DraftFiles.operator(), DraftFiles.draft("  kind: push\n  format: csv\n"));
            DraftDryRun push = drafts.tryDraft(pushFeed, new DraftSample("body.csv",
                    "id,name,amount,opened,active\n5,Библиотека,10,,да\n".getBytes(StandardCharsets.UTF_8)), 10);
            assertThat(push.result().error()).isNull();
            assertThat(push.kind()).isEqualTo("push");
            assertThat(push.result().firstRows()).containsExactly(
                    java.util.Arrays.asList("5", "Библиотека", "10", null, "true"));
            // without a sample a push draft has nothing to read
            assertThatThrownBy(() -> drafts.tryDraft(pushFeed, null, 10)).isInstanceOf(DryRunRefusedException.class)
                    .hasMessageContaining("sample");

            assertThat(StateSnapshot.of(home, app)).isEqualTo(before);
            assertThat(inbox).doesNotExist();
            assertThat(DraftFiles.sampleDirectories()).containsExactlyInAnyOrderElementsOf(samplesBefore);
        }
    }
}
