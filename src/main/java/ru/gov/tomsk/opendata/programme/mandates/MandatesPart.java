package ru.gov.tomsk.opendata.programme.mandates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.programme.ProgrammeFigure;
import ru.gov.tomsk.opendata.programme.ProgrammePart;
import ru.gov.tomsk.opendata.programme.SectionFeeds;
import ru.gov.tomsk.opendata.programme.Verdict;

/**
 * The mandated lists kept current: every item of every list published by a current dataset, with coordinates where
 * the item requires them. Not met while an item is overdue or not published; at risk while one is near its deadline,
 * lacks its coordinates or a catalogue file is broken. The figures are in the mandate-coverage dataset.
 */
@Component
class MandatesPart implements ProgrammePart {

    private final MandateCoverage coverage;
    private final SectionFeeds feeds;

    MandatesPart(MandateCoverage coverage, SectionFeeds feeds) {
        this.coverage = coverage;
        this.feeds = feeds;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String heading() {
        return "Обязательные перечни наборов";
    }

    @Override
    public String obligation() {
        return "Наборы из обязательных перечней (распоряжения 1187-р и 232-р, типовой перечень, справочники "
                + "и классификаторы ведомств) опубликованы и обновляются не реже раза в квартал.";
    }

    @Override
    public Figures figures() {
        Coverage now = coverage.now();
        Map<CoverageState, Integer> counts = now.counts();
        long items = counts.values().stream().mapToInt(Integer::intValue).sum();
        long noCoordinates = now.lists().stream().flatMap(l -> l.items().stream())
                .filter(i -> Boolean.FALSE.equals(i.coordinates())).count();
        List<ProgrammeFigure> figures = new ArrayList<>(List.of(
                ProgrammeFigure.info("Пунктов в перечнях", items),
                ProgrammeFigure.info("Актуальны", counts.get(CoverageState.CURRENT)),
                ProgrammeFigure.problems("Срок обновления близко", counts.get(CoverageState.AT_RISK), Verdict.AT_RISK),
                ProgrammeFigure.problems("Просрочены", counts.get(CoverageState.OVERDUE), Verdict.NOT_MET),
                ProgrammeFigure.problems("Не опубликованы", counts.get(CoverageState.NOT_COVERED), Verdict.NOT_MET),
                ProgrammeFigure.problems("Без обязательных координат", noCoordinates, Verdict.AT_RISK)));
        if (!now.broken().isEmpty()) {
            figures.add(ProgrammeFigure.problems("Файлы перечней с ошибками", now.broken().size(), Verdict.AT_RISK));
        }
        if (items == 0) {
            return new Figures(Verdict.NO_DATA, figures);
        }
        return Figures.of(figures);
    }

    @Override
    public String consolePath() {
        return "/admin/mandates";
    }

    @Override
    public String publicPath() {
        return "/opendata/mandates/";
    }

    @Override
    public String datasetId() {
        return feeds.publishing("mandate-coverage");
    }
}
