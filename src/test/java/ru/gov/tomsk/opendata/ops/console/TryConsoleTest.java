package ru.gov.tomsk.opendata.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.dryrun.DraftFiles;
import ru.gov.tomsk.opendata.support.Fixtures;
import ru.gov.tomsk.opendata.support.MutableClock;
import ru.gov.tomsk.opendata.support.TestApp;
import ru.gov.tomsk.opendata.support.TestUsers;

/**
 * «Проверить набор до публикации» in a browser without JavaScript, as the department account: a plain upload form,
 * the results in Russian, nothing written by a try, the refusal of another organisation's draft, and the
 * installation of the draft just tried.
 */
class TryConsoleTest {

    private static final String OTHER_INN_FEED = "7017000420-drops";

    @TempDir
    Path home;

    @TempDir
    Path uploads;

    @Test
    void aDepartmentTriesItsDraftSeesWhatWouldBePublishedAndInstallsIt() throws Exception {
        Path inbox = home.resolve("inbox");
        String yaml = DraftFiles.draft("  kind: file\n  directory: " + inbox + "\n  include: organisations*.csv\n"
                + "  format: csv\n");
        Path feed = write("7017069388-drops.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        // cp1251 and semicolons, as Excel saves a CSV; the second record lacks its name
        Path sample = write("organisations-2026.csv", "id;name;amount;opened;active\r\n1;Школа № 1;1;01.09.1990;да\r\n"
                .concat("2;;5;;нет\r\n").getBytes(Charset.forName("windows-1251")));
        Path renamed = write("organisations.csv", "id,Наименование,amount,opened,active\r\n1,Школа,1,,да\r\n"
                .getBytes(StandardCharsets.UTF_8));
        Path other = write("other.yaml", yaml.replace(DraftFiles.FEED, OTHER_INN_FEED).getBytes(StandardCharsets.UTF_8));
        Path invalid = write("invalid.yaml", yaml.replace("frequency: quarterly", "frequency: sometimes")
                .getBytes(StandardCharsets.UTF_8));

        try (TestApp app = TestApp.start(home, new MutableClock(Instant.parse("2026-03-20T02:00:00Z")), Map.of());
             Console console = new Console(app.port());
             Console viewer = new Console(app.port())) {
            HtmlPage overview = console.logIn(TestUsers.DEPARTMENT);
            assertThat(Console.text(overview, "current-role")).isEqualTo("ведомство");
            HtmlPage form = ((HtmlAnchor) overview.getElementById("nav-try")).click();
            assertThat(form.getTitleText()).startsWith("Проверить набор до публикации");
            Map<String, String> filesBefore = files();

            HtmlPage result = upload(form, feed, sample);
            assertThat(result.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(Console.text(result, "identifier")).isEqualTo(DraftFiles.FEED);
            assertThat(Console.text(result, "title")).isEqualTo("Тестовый набор «Организации» из выгрузки файлом");
            assertThat(Console.text(result, "sample-name")).isEqualTo("organisations-2026.csv");
            assertThat(Console.text(result, "installed")).isEqualTo("новый, ещё не установлен");
            assertThat(Console.text(result, "columns-match")).isEqualTo("Все столбцы источника совпадают с полями набора.");
            assertThat(Console.text(result, "rows-read")).isEqualTo("2");
            assertThat(Console.text(result, "rows-rejected")).isEqualTo("1");
            assertThat(Console.texts(result, "#first-rows tbody tr")).containsExactly("1\tШкола № 1\t1\t1990-09-01\ttrue");
            assertThat(Console.texts(result, "#rejects tbody td")).contains("name");
            assertThat(Console.text(result, "diff-none")).startsWith("Опубликованной версии ещё нет");
            assertThat(Console.texts(result, "#structure tbody tr")).hasSize(5);
            assertThat(files()).as("a try writes nothing").isEqualTo(filesBefore);
            assertThat(app.runs(DraftFiles.FEED)).isEmpty();

            // a column named otherwise: shown both ways, and nothing to install
            HtmlPage mismatch = upload(console.open("/admin/try"), feed, renamed);
            assertThat(Console.text(mismatch, "columns-missing")).contains("поле name — нет столбца «name»");
            assertThat(Console.texts(mismatch, "#columns-extra li")).containsExactly("Наименование");
            assertThat(mismatch.getElementById("install")).isNull();
            assertThat(Console.text(mismatch, "not-installable")).startsWith("Установить набор можно после проверки без ошибок");

            // another organisation's draft and an invalid one: refused in Russian
            HtmlPage refused = upload(console.open("/admin/try"), other, null);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(Console.text(refused, "try-refused")).startsWith("Набор «" + OTHER_INN_FEED
                    + "» принадлежит другой организации: учётная запись «department» может проверять и устанавливать "
                    + "только наборы с ИНН 7017069388");
            HtmlPage problems = upload(console.open("/admin/try"), invalid, null);
            assertThat(problems.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(Console.text(problems, "problems")).contains("Описание набора содержит ошибки").contains("строка 7: ");
            assertThat(files()).isEqualTo(filesBefore);

            // install what was tried last (and could be installed)
            HtmlPage tried = upload(console.open("/admin/try"), feed, sample);
            HtmlPage installed = Console.click(tried.getElementById("install"));
            assertThat(installed.getUrl().getPath()).isEqualTo("/admin/try");
            assertThat(Console.text(installed, "flash")).startsWith("Набор «Тестовый набор «Организации» из выгрузки "
                    + "файлом» установлен: файл описания 7017069388-drops.yaml сохранён.");
            assertThat(Files.readString(TestApp.feeds(home).resolve(DraftFiles.FEED + ".yaml"))).isEqualTo(yaml);
            assertThat(Files.readAllBytes(inbox.resolve("organisations-2026.csv"))).isEqualTo(Files.readAllBytes(sample));
            await().atMost(Duration.ofSeconds(60)).until(() -> app.bean(FeedRegistry.class).feed(DraftFiles.FEED).isPresent());
            // installed once: the button does not install it again
            HtmlPage twice = (HtmlPage) console.post(tried, "/admin/try/install");
            assertThat(Console.text(twice, "flash")).startsWith("Нечего устанавливать: сначала проверьте набор.");

            // a VIEWER has no such page
            viewer.logIn(TestUsers.VIEWER);
            assertThat(viewer.open("/admin/try").getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    private static HtmlPage upload(HtmlPage form, Path feed, Path sample) throws IOException {
        ((HtmlFileInput) form.getElementById("feed")).setFiles(feed.toFile());
        if (sample != null) {
            ((HtmlFileInput) form.getElementById("sample")).setFiles(sample.toFile());
        }
        return Console.click(form.getElementById("try"));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(uploads.resolve(name), bytes);
    }

    private Map<String, String> files() {
        Map<String, String> files = Fixtures.snapshot(home);
        files.keySet().removeIf(name -> name.startsWith("state"));
        return files;
    }
}
