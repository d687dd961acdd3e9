package ru.gov.tomsk.opendata.programme.requests;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.source.section.SectionDataset;

/**
 * The requests and their answers as open data (source kind {@code section}, {@code dataset: requests}; the shipped
 * feed is {@code config/feeds/7017000420-requests.yaml}). The text is the published one (redacted if an operator
 * redacted it); the requester's contact is not a column and never reaches a row. The oldest request first, so that
 * a new request appends a row.
 */
@Component
public class RequestsDataset implements SectionDataset {

    /** The row's keys: the feed file's field names. */
    static final List<String> FIELDS = List.of("number", "registered", "due", "what", "purpose", "state", "outcome",
            "answer", "dataset", "planned", "answered");

    private final DataRequests requests;
    private final ZoneId zone;

    public RequestsDataset(DataRequests requests, OpendataProperties opendata) {
        this.requests = requests;
        this.zone = opendata.timeZone();
    }

    @Override
    public String name() {
        return "requests";
    }

    @Override
    public List<Map<String, Object>> rows() {
        List<DataRequest> all = new ArrayList<>(requests.all());
        java.util.Collections.reverse(all);
        return all.stream().map(this::row).toList();
    }

    private Map<String, Object> row(DataRequest request) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", request.number());
        row.put("registered", request.registeredAt().atZone(zone).toLocalDate());
        row.put("due", request.dueOn());
        row.put("what", request.publicWhat());
        row.put("purpose", request.publicWhy());
        row.put("state", request.state().russian());
        row.put("outcome", request.outcome() == null ? null : request.outcome().russian());
        row.put("answer", request.answer());
        row.put("dataset", request.datasetId());
        row.put("planned", request.plannedOn());
        row.put("answered", request.answeredAt() == null ? null : request.answeredAt().atZone(zone).toLocalDate());
        return row;
    }
}
