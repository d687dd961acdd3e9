package ru.gov.tomsk.opendata.ops.console;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The console's own "not found" page, in Russian and inside the console's frame, instead of a bare error. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    private final ConsoleModel frame;

    ConsoleErrors(ConsoleModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler(FeedNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String feedNotFound(FeedNotFoundException e, Model model) {
        frame.fill(model);
        model.addAttribute("missing", e.feedId());
        return "admin/not-found";
    }
}
