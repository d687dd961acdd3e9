package ru.gov.tomsk.opendata.programme.requests;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Service;

import ru.gov.tomsk.opendata.catalog.CatalogRepository;
import ru.gov.tomsk.opendata.catalog.DatasetState;

/**
 * An operator's work on the requests, checked the same way whether it comes from the console or the admin API:
 * routing a request to a department, answering it, redacting what the public sees of it, sending a given-up notice
 * again. Each refusal names the field at fault ({@link RequestRefused}).
 */
@Service
public class RequestDesk {

    /** The size of the text columns of {@code data_request}. */
    public static final int MAX_TEXT = 4000;

    private final DataRequests requests;
    private final RequestDepartments departments;
    private final RequestDeadlines deadlines;
    private final CatalogRepository catalog;

    public RequestDesk(DataRequests requests, RequestDepartments departments, RequestDeadlines deadlines,
                       CatalogRepository catalog) {
        this.requests = requests;
        this.departments = departments;
        this.deadlines = deadlines;
        this.catalog = catalog;
    }

    public DataRequest request(String number) {
        return requests.find(number).orElseThrow(() -> new RequestRefused(RequestRefused.Reason.NOT_FOUND, "number",
                "Запрос № " + number + " не найден.", "no request '" + clip(number) + "' is registered"));
    }

    /** Routes the request to a department: a known one, and only while the request is unanswered. */
    public DataRequest assign(String number, String inn, String by) {
        DataRequest request = request(number);
        String department = blankToNull(inn);
        if (department == null) {
            throw invalid("department", "Выберите ведомство.", "field 'department' is required: the INN of a department");
        }
        if (departments.find(department).isEmpty()) {
            throw invalid("department", "Ведомство с ИНН " + department + " неизвестно: оно не указано в "
                    + "opendata.programme.departments и не публикует ни одного набора.", "field 'department': no "
                    + "department has INN '" + clip(department) + "' (neither in opendata.programme.departments nor "
                    + "the INN of a loaded feed)");
        }
        if (request.answered()) {
            throw new RequestRefused(RequestRefused.Reason.CONFLICT, "department", "На запрос уже дан ответ; "
                    + "ведомство отвеченного запроса не меняется.", "request " + number + " is answered already; the "
                    + "department of an answered request does not change");
        }
        requests.assign(number, department, by);
        return request(number);
    }

    /**
     * Answers the request (or corrects the answer): PUBLISHED needs a published dataset of the catalogue, PLANNED a
     * date not before today (the region's calendar), REFUSED the reason in {@code text}. A field that does not belong
     * to the outcome is dropped.
     */
    public DataRequest answer(String number, Answer answer, String by) {
        request(number);
        if (answer.outcome() == null) {
            throw invalid("outcome", "Выберите результат: опубликовано, запланировано или отказано.",
                    "field 'outcome' is required: PUBLISHED, PLANNED or REFUSED");
        }
        String text = blankToNull(answer.text());
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid("answer", "Ответ длиннее " + MAX_TEXT + " знаков.", "field 'answer' is longer than "
                    + MAX_TEXT + " characters");
        }
        String dataset = null;
        LocalDate planned = null;
        switch (answer.outcome()) {
            case PUBLISHED -> {
                dataset = blankToNull(answer.dataset());
                if (dataset == null) {
                    throw invalid("dataset", "Выберите опубликованный набор данных.", "field 'dataset' is required "
                            + "for outcome PUBLISHED: the identifier of a published dataset");
                }
                if (!catalog.hasDataVersion(dataset)) {
                    throw invalid("dataset", "Набор «" + dataset + "» не опубликован: выберите набор из каталога.",
                            "field 'dataset': no published dataset '" + clip(dataset) + "' in the catalogue");
                }
            }
            case PLANNED -> {
                planned = answer.plannedOn();
                if (planned == null) {
                    throw invalid("plannedOn", "Укажите дату, к которой набор планируется опубликовать.",
                            "field 'plannedOn' is required for outcome PLANNED: a date (YYYY-MM-DD)");
                }
                LocalDate today = deadlines.today();
                if (planned.isBefore(today)) {
                    throw invalid("plannedOn", "Дата публикации уже прошла: укажите сегодняшнюю или более позднюю.",
                            "field 'plannedOn' " + planned + " is in the past (today is " + today + " in the region)");
                }
            }
            case REFUSED -> {
                if (text == null) {
                    throw invalid("answer", "Укажите причину отказа.", "field 'answer' (the reason) is required for "
                            + "outcome REFUSED");
                }
            }
        }
        requests.answer(number, answer.outcome(), text, dataset, planned, by);
        return request(number);
    }

    /**
     * Sets what the public sees of the request. The citizen's own words again when the text equals them; an empty
     * {@code why} hides it.
     */
    public DataRequest redact(String number, String what, String why, String by) {
        DataRequest request = request(number);
        String publicWhat = blankToNull(what);
        if (publicWhat == null) {
            throw invalid("what", "Текст запроса не может быть пустым.", "field 'what' is required: the text the "
                    + "public sees of the request");
        }
        if (publicWhat.length() > MAX_TEXT) {
            throw invalid("what", "Текст длиннее " + MAX_TEXT + " знаков.", "field 'what' is longer than " + MAX_TEXT
                    + " characters");
        }
        String publicWhy = why == null ? "" : why.strip();
        if (publicWhy.length() > MAX_TEXT) {
            throw invalid("why", "Текст длиннее " + MAX_TEXT + " знаков.", "field 'why' is longer than " + MAX_TEXT
                    + " characters");
        }
        String ownWhy = request.why() == null ? "" : request.why().strip();
        requests.redact(number, publicWhat.equals(request.what().strip()) ? null : publicWhat,
                publicWhy.equals(ownWhy) ? null : publicWhy, by);
        return request(number);
    }

    /** Queues a given-up notice again. */
    public DataRequest resendNotice(String number) {
        DataRequest request = request(number);
        if (!requests.resendNotice(number)) {
            throw new RequestRefused(RequestRefused.Reason.CONFLICT, null, "Уведомление отправляется повторно, только "
                    + "если его отправка не удалась.", "the notice of request " + number + " is "
                    + (request.noticeState() == null ? "not queued (no contact or no answer)" : request.noticeState())
                    + "; only a FAILED notice is sent again");
        }
        return request(number);
    }

    /** The outcome as a form or a body names it (PUBLISHED, PLANNED, REFUSED); null if none is given. */
    public static RequestOutcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RequestOutcome.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("outcome", "Выберите результат: опубликовано, запланировано или отказано.",
                    "field 'outcome' must be one of PUBLISHED, PLANNED, REFUSED; got '" + clip(value) + "'");
        }
    }

    /** A date as a form or a body gives it (YYYY-MM-DD); null if none is given. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(field, "Дата указана неверно: нужна дата в виде ГГГГ-ММ-ДД.", "field '" + field
                    + "' must be a date YYYY-MM-DD; got '" + clip(value) + "'");
        }
    }

    /** The title of a dataset of the catalogue, if it has one. */
    public Optional<String> datasetTitle(String identifier) {
        return identifier == null ? Optional.empty()
                : catalog.dataset(identifier).map(DatasetState::passport).map(p -> p.title());
    }

    /**
     * An answer as an operator gives it.
     *
     * @param dataset   PUBLISHED: the dataset's identifier
     * @param plannedOn PLANNED: the date
     * @param text      the answer's text; for REFUSED the reason, required
     */
    public record Answer(RequestOutcome outcome, String dataset, LocalDate plannedOn, String text) {
    }

    private static RequestRefused invalid(String field, String russian, String english) {
        return new RequestRefused(RequestRefused.Reason.INVALID, field, russian, english);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Echoes what a caller sent without letting a huge value flood the answer or the log. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
