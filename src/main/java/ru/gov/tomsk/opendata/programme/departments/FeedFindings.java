package ru.gov.tomsk.opendata.programme.departments;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.console.ConsoleText;

/**
 * The department's feeds that need it: failing, overdue, with a broken feed file, at risk, or never published, the
 * worst first (FeedStatuses decides the condition, so the report says what the console and the alerts say).
 */
@Component
public class FeedFindings implements DepartmentFindings {

    private final FeedStatuses statuses;
    private final ConsoleText text;

    public FeedFindings(FeedStatuses statuses, ConsoleText text) {
        this.statuses = statuses;
        this.text = text;
    }

    @Override
    public String heading() {
        return "Наборы данных, которые нужно обновить или исправить";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<DepartmentFinding> of(String inn) {
        return statuses.all().stream()
                .filter(s -> s.identifier().startsWith(inn + "-"))
                .sorted(Comparator.comparing((FeedStatus s) -> s.condition().ordinal()).reversed()
                        .thenComparing(FeedStatus::identifier))
                .map(s -> finding(s).map(t -> new DepartmentFinding(s.identifier(), t, "/admin/feeds/" + s.identifier())))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<String> finding(FeedStatus s) {
        String title = "«" + s.title() + "»";
        String due = text.date(s.deadline());
        return Optional.ofNullable(switch (s.condition()) {
            case INVALID -> "Файл описания набора " + s.identifier() + " содержит ошибки, набор не обновляется. "
                    + "Исправьте файл (ошибки показаны в консоли).";
            case FAILING -> "Последнее обновление набора " + title + " (" + text.dateTime(s.lastRun().startedAt())
                    + ") не удалось, опубликована прежняя версия"
                    + (s.lastRun().departmentMessage() == null ? "" : ": " + s.lastRun().departmentMessage())
                    + ". Проверьте источник данных.";
            case OVERDUE -> "Набор " + title + " не обновлён в срок: срок истёк " + due + ". Обновите данные "
                    + "в источнике или сообщите оператору, почему обновление задерживается.";
            case AT_RISK -> "Срок обновления набора " + title + " — " + due + " (осталось " + days(s.daysToDeadline())
                    + "). Обновите данные до этой даты.";
            default -> s.newestVersion() == null
                    ? "Набор " + title + " ещё не опубликован; первая публикация нужна до " + due + "."
                    : null;
        });
    }

    /** «3 дн.», «0 дн.» (the deadline is today). */
    static String days(Long days) {
        return (days == null ? 0 : Math.max(0, days)) + " дн.";
    }
}
