package ru.gov.tomsk.opendata.source.http;

import ru.gov.tomsk.opendata.dataset.ExplainedFailure;

/**
 * An HTTP source that cannot deliver its records: an error status, an unreachable API, a page that is too
 * large, an API that pages without end. The message is meant for the run log and names the request (with
 * secrets masked). It deliberately carries no cause: a lower-level exception's message may quote the URL or a
 * header, and the run log shows the whole cause chain.
 */
public class HttpSourceException extends RuntimeException implements ExplainedFailure {

    public HttpSourceException(String message) {
        super(message);
    }

    @Override
    public String russian() {
        return "Сервис, из которого берутся данные, не выдал их: он недоступен, ответил ошибкой или прислал "
                + "не то, что ожидалось. Если ошибка повторяется, обратитесь к владельцу сервиса или в ИТ-отдел.";
    }
}
