package ru.gov.tomsk.opendata.ops.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import ru.gov.tomsk.opendata.catalog.RunStatus;
import ru.gov.tomsk.opendata.dataset.CleanupCount;
import ru.gov.tomsk.opendata.dataset.CleanupKind;
import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;
import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.publish.DeliveryStatus;

/**
 * The console's words and formats: Russian names of conditions and statuses, dates as administrators in the
 * region read them (dd.MM.yyyy HH:mm in {@code opendata.time-zone}, not UTC). Templates reach it as {@code ${text}}.
 * Statuses are always spelled out, never shown by colour alone.
 */
@org.springframework.stereotype.Component
public final class ConsoleText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final ZoneId zone;

    @org.springframework.beans.factory.annotation.Autowired
    ConsoleText(ru.gov.tomsk.opendata.OpendataProperties properties) {
        this(properties.timeZone());
    }

    ConsoleText(ZoneId zone) {
        this.zone = zone;
    }

    public String dateTime(Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant.atZone(zone));
    }

    /** Machine-readable value of a {@code <time datetime>}, with the zone's offset. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.atZone(zone).toOffsetDateTime().toString();
    }

    public String date(LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }

    public String zone() {
        return zone.getId();
    }

    /** A run's length, "1 мин 05 с"; "—" for a run still going. */
    public String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "—";
        }
        Duration d = Duration.between(start, end);
        if (d.isNegative()) {
            return "—";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds == 0 && d.toMillis() > 0 ? "<1 с" : seconds + " с";
        }
        if (seconds < 3600) {
            return seconds / 60 + " мин " + String.format("%02d", seconds % 60) + " с";
        }
        return seconds / 3600 + " ч " + String.format("%02d", seconds % 3600 / 60) + " мин";
    }

    public String condition(FeedCondition condition) {
        return switch (condition) {
            case OK -> "в порядке";
            case NEVER_RUN -> "ещё не запускался";
            case RUNNING -> "выполняется";
            case AT_RISK -> "под угрозой срыва срока";
            case HELD -> "версия задержана";
            case OVERDUE -> "просрочен";
            case FAILING -> "ошибка";
            case INVALID -> "ошибка в описании";
        };
    }

    /** Whether an administrator has to do something about the condition. */
    public boolean needsAttention(FeedCondition condition) {
        return condition.ordinal() >= FeedCondition.AT_RISK.ordinal();
    }

    /** A short mark in front of the condition's name, so that it reads without colour as well. */
    public String mark(FeedCondition condition) {
        return switch (condition) {
            case OK -> "✓";
            case NEVER_RUN, RUNNING -> "•";
            case AT_RISK, HELD -> "!";
            case OVERDUE, FAILING, INVALID -> "✗";
        };
    }

    /**
     * Why the feed is in its condition, in Russian. Built from the status's fields; the technical detail (the run's
     * message, the guard's reason, the located YAML error) stays in the service's words and is shown next to it.
     */
    public String reason(FeedStatus s) {
        return switch (s.condition()) {
            case OK -> s.deadline() == null ? "Данные актуальны."
                    : "Данные актуальны; следующее обновление — до " + date(s.deadline()) + ".";
            case NEVER_RUN -> "Набор ещё не запускался" + (s.deadline() == null ? "." : "; первое обновление — до "
                    + date(s.deadline()) + ".");
            case RUNNING -> "Идёт запуск" + (s.lastRun() == null ? "." : ", начат " + dateTime(s.lastRun().startedAt()) + ".");
            case AT_RISK -> s.reason().startsWith(FeedStatuses.MISSED_PUSH)
                    ? "Выгрузка из информационной системы не поступила к ожидаемому сроку; срок обновления — до "
                            + date(s.deadline()) + "."
                    : "До срока обновления " + date(s.deadline()) + " " + days(s.daysToDeadline())
                            + ", а данные ещё не обновлены.";
            case HELD -> "Новая версия задержана проверками и ждёт решения оператора: утвердите или отклоните её.";
            case OVERDUE -> "Срок обновления истёк " + date(s.deadline()) + ": данные не обновлялись.";
            // before the first publication there is no earlier version to keep: saying so would reassure wrongly
            case FAILING -> s.newestVersion() == null
                    ? "Последний запуск завершился ошибкой; набор ещё ни разу не был опубликован."
                    : "Последний запуск завершился ошибкой; опубликованная ранее версия остаётся доступной.";
            case INVALID -> "Файл описания набора содержит ошибки; исправьте его (при правке действующего набора "
                    + "продолжает работать прежнее описание).";
        };
    }

    /**
     * What follows {@link #reason}: for a failed run or a broken feed file, what the department reads about it (the
     * run log keeps it in Russian, then «Подробности: » and the technical detail); otherwise the status's own reason,
     * in the service's words, as the detail.
     *
     * @param brokenEdit the problems of an edited feed file while its previous definition keeps running, or null
     */
    public String detail(FeedStatus s, InvalidFeedException brokenEdit) {
        if (s.condition() == FeedCondition.INVALID && brokenEdit != null) {
            return brokenEdit.forDepartment();
        }
        if ((s.condition() == FeedCondition.FAILING || s.condition() == FeedCondition.INVALID) && s.lastRun() != null
                && s.lastRun().shownMessage() != null) {
            return s.lastRun().shownMessage();
        }
        return DepartmentMessage.DETAIL + s.reason();
    }

    public String days(Long days) {
        if (days == null) {
            return "—";
        }
        long n = Math.abs(days);
        String word = n % 10 == 1 && n % 100 != 11 ? "день"
                : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? "дня" : "дней";
        return (days < 0 ? "просрочено на " : "осталось ") + n + " " + word;
    }

    public String run(RunStatus status) {
        return switch (status) {
            case RUNNING -> "выполняется";
            case PUBLISHED -> "опубликована версия";
            case UNCHANGED -> "без изменений";
            case HELD -> "версия задержана";
            case FAILED -> "ошибка";
            case INVALID -> "ошибка в описании";
        };
    }

    public String delivery(DeliveryStatus status) {
        return switch (status) {
            case PENDING -> "ожидает отправки";
            case DONE -> "доставлено";
            case FAILED -> "не доставлено";
            case SUPERSEDED -> "заменено новой версией";
        };
    }

    public String frequency(String word) {
        if (word == null) {
            return "—";
        }
        return Frequency.fromWord(word).map(Frequency::russianWord).orElse(word);
    }

    /** What the value clean-up changed, as an administrator reads it. */
    public String cleanup(CleanupKind kind) {
        return switch (kind) {
            case CONTROL_CHARACTERS -> "удалены управляющие символы";
            case LINE_BREAKS -> "переводы строк приведены к LF";
            case EDGES -> "убраны пробелы по краям";
            case NFC -> "приведено к форме Unicode NFC";
        };
    }

    /** A run's clean-up in one line: "name — убраны пробелы по краям: 3; address — …: 2". */
    public String cleanup(List<CleanupCount> counts) {
        return counts.stream().map(c -> c.field() + " — " + cleanup(c.kind()) + ": " + count(c.values()))
                .collect(Collectors.joining("; "));
    }

    /** "12 345" with the Russian thin grouping, for row counts. */
    public String count(Long n) {
        return n == null ? "—" : String.format(java.util.Locale.forLanguageTag("ru"), "%,d", n).replace('\u00a0', ' ');
    }
}
