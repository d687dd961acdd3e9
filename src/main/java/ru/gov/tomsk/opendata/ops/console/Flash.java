package ru.gov.tomsk.opendata.ops.console;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one-time message a page shows after an action redirected to it (Post/Redirect/Get), so that reloading
 * the page never repeats the action.
 *
 * @param ok     the action was done (else it was refused or failed)
 * @param text   what happened, in Russian
 * @param detail the service's own words, if they help (an error message), else null
 */
public record Flash(boolean ok, String text, String detail) {

    static final String ATTRIBUTE = "flash";

    static void done(RedirectAttributes redirect, String text) {
        redirect.addFlashAttribute(ATTRIBUTE, new Flash(true, text, null));
    }

    static void refused(RedirectAttributes redirect, String text, String detail) {
        redirect.addFlashAttribute(ATTRIBUTE, new Flash(false, text, detail));
    }
}
