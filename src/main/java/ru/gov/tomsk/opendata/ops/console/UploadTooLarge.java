package ru.gov.tomsk.opendata.ops.console;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

import ru.gov.tomsk.opendata.ops.DryRunProperties;
import ru.gov.tomsk.opendata.ops.FeedFileValidator;

/**
 * An upload above the limit is refused while the request is read, before any controller is chosen, so only an
 * advice for every handler sees it. Only drafts are uploaded: the console's try page says so in Russian, the admin
 * API with a problem document that names the limits.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLarge {

    private final ConsoleModel frame;
    private final DryRunProperties settings;

    UploadTooLarge(ConsoleModel frame, DryRunProperties settings) {
        this.frame = frame;
        this.settings = settings;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request, HttpServletResponse response, Model model) {
        String limits = "part 'feed' at most " + FeedFileValidator.MAX_BYTES + " bytes, part 'sample' at most "
                + settings.maxSampleSize().toBytes() + " bytes (opendata.dry-run.max-sample-size)";
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/admin/")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Файлы слишком большие.\nПодробности: the request is larger than a draft may be: " + limits);
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        frame.fill(model);
        model.addAttribute("rows", Math.min(20, settings.maxRows()));
        model.addAttribute("maxRows", settings.maxRows());
        TryController.limits(model, settings);
        TryController.refused(model, response, 413, "Файлы слишком большие: описание набора — не больше "
                + model.getAttribute("maxFeed") + ", файл с данными — не больше " + model.getAttribute("maxSample") + ".",
                null);
        return new ModelAndView("admin/try", model.asMap(), HttpStatus.PAYLOAD_TOO_LARGE);
    }
}
