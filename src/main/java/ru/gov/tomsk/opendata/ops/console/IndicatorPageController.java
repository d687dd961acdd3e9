package ru.gov.tomsk.opendata.ops.console;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.gov.tomsk.opendata.programme.indicator.Indicator;
import ru.gov.tomsk.opendata.programme.indicator.IndicatorCsv;
import ru.gov.tomsk.opendata.programme.indicator.PublishedIndicator;

/**
 * «Показатель» ({@code /admin/indicator}): the cumulative number of published datasets per quarter against the
 * state programme's targets, as a chart and a table, and the same table as the CSV of the quarterly report.
 */
@Controller
class IndicatorPageController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final PublishedIndicator indicator;

    IndicatorPageController(PublishedIndicator indicator) {
        this.indicator = indicator;
    }

    @GetMapping("/admin/indicator")
    String page(Model model) {
        Indicator now = indicator.now();
        model.addAttribute("indicator", now);
        model.addAttribute("chart", IndicatorChart.of(now));
        model.addAttribute("currentTarget", now.targets().stream()
                .filter(t -> t.reached() != null && !t.over()).findFirst().orElse(null));
        return "admin/indicator";
    }

    @GetMapping("/admin/indicator.csv")
    ResponseEntity<byte[]> csv() {
        return download(IndicatorCsv.of(indicator.now()), "indicator.csv");
    }

    /** A CSV file the browser saves under {@code name}. */
    static ResponseEntity<byte[]> download(byte[] body, String name) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
