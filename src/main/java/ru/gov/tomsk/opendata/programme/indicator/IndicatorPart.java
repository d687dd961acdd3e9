package ru.gov.tomsk.opendata.programme.indicator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.programme.ProgrammeFigure;
import ru.gov.tomsk.opendata.programme.ProgrammePart;
import ru.gov.tomsk.opendata.programme.SectionFeeds;
import ru.gov.tomsk.opendata.programme.Verdict;

/**
 * The state programme's indicator: the cumulative number of published datasets against the year's target. Not met
 * when last year ended below its target; at risk while the current year is below its target (it may still
 * be reached by the year's end); no data without a target for the current year. The figures are in the indicator
 * dataset.
 */
@Component
class IndicatorPart implements ProgrammePart {

    private final PublishedIndicator indicator;
    private final SectionFeeds feeds;

    IndicatorPart(PublishedIndicator indicator, SectionFeeds feeds) {
        this.indicator = indicator;
        this.feeds = feeds;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String heading() {
        return "Количество опубликованных наборов";
    }

    @Override
    public String obligation() {
        return "Число опубликованных наборов открытых данных (нарастающим итогом) не ниже целевого значения "
                + "государственной программы на конец года.";
    }

    @Override
    public Figures figures() {
        Indicator now = indicator.now();
        int year = now.asOf().atZone(ZoneId.of(now.zone())).getYear();
        List<ProgrammeFigure> figures = new ArrayList<>();
        figures.add(ProgrammeFigure.info("Опубликовано наборов", now.published()));
        Optional<YearTarget> current = now.targets().stream().filter(t -> t.year() == year).findFirst();
        Verdict verdict = Verdict.NO_DATA;
        if (current.isPresent()) {
            YearTarget target = current.get();
            verdict = target.met() ? Verdict.MET : Verdict.AT_RISK;
            figures.add(new ProgrammeFigure("Цель на конец " + year + " года", String.valueOf(target.target()), verdict));
        } else {
            figures.add(new ProgrammeFigure("Цель на конец " + year + " года", "не задана", Verdict.NO_DATA));
        }
        // last year's missed target is still this year's report to the programme; older years are history
        now.targets().stream().filter(t -> t.year() == year - 1 && t.over() && !t.met()).forEach(missed ->
                figures.add(new ProgrammeFigure("Цель " + missed.year() + " года не достигнута",
                        missed.reached() + " из " + missed.target(), Verdict.NOT_MET)));
        for (ProgrammeFigure figure : figures) {
            verdict = verdict.worst(figure.verdict());
        }
        return new Figures(verdict, figures);
    }

    @Override
    public String consolePath() {
        return "/admin/indicator";
    }

    @Override
    public String publicPath() {
        return null;
    }

    @Override
    public String datasetId() {
        return feeds.publishing("indicator");
    }
}
