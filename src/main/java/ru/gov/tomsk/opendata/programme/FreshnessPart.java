package ru.gov.tomsk.opendata.programme;

import java.util.List;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.ops.FeedCondition;
import ru.gov.tomsk.opendata.ops.FeedStatus;
import ru.gov.tomsk.opendata.ops.FeedStatuses;

/**
 * The plan's first obligation: every dataset is kept current, at least quarterly (by the 25th of the quarter's last
 * month for a quarterly one), as its frequency's deadline says. The figures are the feeds' deadline states; they are
 * published as open data by the section itself (each passport's {@code valid} and {@code modified}, the registry).
 */
@Component
class FreshnessPart implements ProgrammePart {

    private final FeedStatuses statuses;

    FreshnessPart(FeedStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String heading() {
        return "Актуальность наборов данных";
    }

    @Override
    public String obligation() {
        return "Каждый набор обновляется не реже раза в квартал (не позднее 25-го числа последнего месяца квартала) "
                + "или чаще, если так указано в его паспорте.";
    }

    @Override
    public Figures figures() {
        List<FeedStatus> all = statuses.all();
        long published = all.stream().filter(s -> s.newestVersion() != null).count();
        long overdue = all.stream().filter(FeedStatus::overdue).count();
        long atRisk = all.stream().filter(s -> s.atRisk() && !s.overdue()).count();
        long neverPublished = all.stream()
                .filter(s -> s.newestVersion() == null && s.condition() != FeedCondition.INVALID).count();
        long broken = all.stream().filter(s -> s.condition() == FeedCondition.INVALID).count();
        return Figures.of(List.of(
                ProgrammeFigure.info("Наборов опубликовано", published),
                ProgrammeFigure.problems("Просрочено обновление", overdue, Verdict.NOT_MET),
                ProgrammeFigure.problems("Срок обновления близко", atRisk, Verdict.AT_RISK),
                ProgrammeFigure.problems("Ещё не опубликованы", neverPublished, Verdict.AT_RISK),
                ProgrammeFigure.problems("Файлы описания с ошибками", broken, Verdict.AT_RISK)));
    }

    @Override
    public String consolePath() {
        return "/admin/";
    }

    @Override
    public String publicPath() {
        return "/opendata/";
    }

    @Override
    public String datasetId() {
        return null;
    }

    @Override
    public String publishedAs() {
        return "даты актуальности в паспортах наборов и реестр list.csv";
    }
}
