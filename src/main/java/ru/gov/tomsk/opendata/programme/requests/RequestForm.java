package ru.gov.tomsk.opendata.programme.requests;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public request form as sent ({@code what}, {@code why}, {@code email}, {@code consent} and the honeypot
 * {@code website}), and its checks. Every refusal names its field in Russian, and the form is shown again with what
 * the visitor typed, so nothing has to be typed twice.
 *
 * @param what    «Какие данные нужны», required
 * @param why     «Для чего», optional
 * @param email   the contact, optional
 * @param consent whether the consent to the processing of the e-mail (152-ФЗ) was ticked
 * @param website the honeypot: hidden from people, filled in by bots
 */
public record RequestForm(String what, String why, String email, boolean consent, String website) {

    /** The form's fields as the page names them, for the field errors. */
    static final Map<String, String> LABELS = Map.of(
            "what", "«Какие данные нужны»",
            "why", "«Для чего»",
            "email", "«Адрес электронной почты»",
            "consent", "«Согласие на обработку персональных данных»");

    // a tag, an end tag, a comment, a declaration or a processing instruction: '<' right before a letter, '/', '!'
    // or '?'. A lone '<' as in «дети < 7 лет» is text and stays.
    private static final Pattern MARKUP = Pattern.compile("<\\s*[/!?]?\\s*\\p{L}|<!--|<\\?");
    // an address as people write one; what a mail server accepts beyond that is not worth the risk on a public form
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
    private static final int MAX_EMAIL = 254;

    /** Empty fields are no answer; text is NFC, line breaks LF, and invisible control characters are dropped. */
    public RequestForm {
        what = clean(what);
        why = clean(why);
        email = clean(email);
        website = clean(website);
    }

    static RequestForm of(Map<String, String> fields) {
        String consent = fields.get("consent");
        return new RequestForm(fields.get("what"), fields.get("why"), fields.get("email"),
                consent != null && !consent.isBlank(), fields.get("website"));
    }

    /** Whether a bot filled in the field people do not see. */
    public boolean trapped() {
        return website != null;
    }

    /** The refusals by field (in the form's order); empty when the form can be registered. */
    public Map<String, String> errors(int maxTextLength) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (what == null) {
            errors.put("what", "Заполните поле " + LABELS.get("what") + ": опишите, какие данные вы хотите получить.");
        } else {
            text("what", what, maxTextLength, errors);
        }
        if (why != null) {
            text("why", why, maxTextLength, errors);
        }
        if (email != null) {
            if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
                errors.put("email", "Поле " + LABELS.get("email") + ": это не адрес электронной почты. "
                        + "Укажите адрес вида name@example.ru или оставьте поле пустым.");
            } else if (!consent) {
                errors.put("consent", "Чтобы мы сообщили вам об ответе по электронной почте, отметьте поле "
                        + LABELS.get("consent") + ". Без согласия оставьте поле адреса пустым.");
            }
        }
        return errors;
    }

    private static void text(String field, String value, int maxTextLength, Map<String, String> errors) {
        int length = value.codePointCount(0, value.length());
        if (length > maxTextLength) {
            errors.put(field, "Поле " + LABELS.get(field) + " слишком длинное: " + length + " знаков, можно не больше "
                    + maxTextLength + ". Сократите текст.");
        } else if (MARKUP.matcher(value).find()) {
            errors.put(field, "Поле " + LABELS.get(field) + " содержит HTML-разметку (например, «<a» или «<script»). "
                    + "Напишите обычный текст без тегов; ссылку можно указать просто адресом.");
        }
    }

    /** The request to register, once {@link #errors} is empty. */
    NewRequest toRequest(String clientKey) {
        return new NewRequest(what, why, email, email != null && consent, clientKey);
    }

    /**
     * Control characters other than line breaks and tabs, and the invisible format characters that reorder or
     * hide text (bidirectional overrides, zero-width characters), are dropped: they only disguise what the public
     * page shows.
     */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String text = Normalizer.normalize(value, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n')
                .replace('\t', ' ');
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\n' || !(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                .forEach(kept::appendCodePoint);
        String stripped = kept.toString().strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
