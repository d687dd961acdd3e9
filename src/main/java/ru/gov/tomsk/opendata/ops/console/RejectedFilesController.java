package ru.gov.tomsk.opendata.ops.console;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gov.tomsk.opendata.ops.FeedStatuses;
import ru.gov.tomsk.opendata.ops.ServerPaths;
import ru.gov.tomsk.opendata.source.RejectedFileException;
import ru.gov.tomsk.opendata.source.RejectedFiles;

/**
 * «Вернуть в обработку»: moves a refused file of a drop feed back into its drop directory. The name travels as a
 * form field, not in the path, so that any name a department gives its file (a semicolon, a percent sign) can be
 * re-queued. OPERATOR and above, with the session's CSRF token like every console form.
 */
@Controller
class RejectedFilesController {

    private final RejectedFiles rejected;
    private final FeedStatuses statuses;
    private final ConsoleAudit audit;
    private final ConsoleText text;
    private final ServerPaths paths;

    RejectedFilesController(RejectedFiles rejected, FeedStatuses statuses, ConsoleAudit audit, ConsoleText text,
                            ServerPaths paths) {
        this.rejected = rejected;
        this.statuses = statuses;
        this.audit = audit;
        this.text = text;
        this.paths = paths;
    }

    @PostMapping("/admin/feeds/{id}/rejected-files/requeue")
    String requeue(@PathVariable String id, @RequestParam(name = "name", required = false) String name,
                   Principal principal, RedirectAttributes redirect) {
        if (statuses.of(id).isEmpty()) {
            throw new FeedNotFoundException(id);
        }
        String subject = "feed " + id + " file " + name;
        try {
            rejected.requeue(id, name);
        } catch (RejectedFileException e) {
            audit.refused(principal, "requeue", subject, e.getMessage());
            Flash.refused(redirect, refusal(e.reason(), name), paths.hide(e.getMessage()));
            return FeedActionsController.feedPage(id);
        }
        audit.done(principal, "requeue", subject, "moved back from .error/ into the drop directory");
        String next = statuses.of(id).map(s -> s.nextFireAt()).map(text::dateTime)
                .map(at -> " (по расписанию — " + at + ")").orElse("");
        Flash.done(redirect, "Файл «" + name + "» возвращён в обработку. Он будет прочитан при следующем запуске "
                + "набора" + next + "; чтобы не ждать, нажмите «Запустить сейчас». Результат появится в истории "
                + "запусков.");
        return FeedActionsController.feedPage(id);
    }

    private static String refusal(RejectedFileException.Reason reason, String name) {
        return switch (reason) {
            case UNKNOWN_FEED -> "Такого набора нет.";
            case UNKNOWN_FILE -> "Файла «" + name + "» среди файлов с ошибками нет: возможно, его уже вернули в обработку."
                    + " Обновите страницу.";
            case BAD_NAME -> "Такого файла с ошибкой нет: «" + name + "» не может быть именем выгруженного файла.";
            case ALREADY_WAITING -> "В каталоге выгрузки уже ждёт обработки файл «" + name + "». Дождитесь запуска "
                    + "набора: если этот файл будет опубликован, файл с ошибкой и его причина удалятся сами.";
            case NOT_A_DROP -> "Набор не получает данные файлами, или файл его описания содержит ошибки: возвращать "
                    + "нечего.";
            case NO_ROUTE -> "Набор не запущен (причина — в истории запусков), поэтому его каталог выгрузки "
                    + "недоступен.";
            case UNREACHABLE -> "Не удалось открыть каталог выгрузки набора. Повторите позже; если ошибка "
                    + "повторяется, сообщите администратору.";
        };
    }
}
