package ru.gov.tomsk.opendata.programme.requests;

import java.util.List;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.programme.ProgrammeFigure;
import ru.gov.tomsk.opendata.programme.ProgrammePart;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;
import ru.gov.tomsk.opendata.programme.SectionFeeds;
import ru.gov.tomsk.opendata.programme.Verdict;

/**
 * The plan's «Обратная связь»: every request for a new dataset answered within its answer-days (30). Not met while one is
 * overdue; at risk while one is near its deadline or was answered late. The figures are in the requests dataset
 * (registration date, deadline and answer date of each request).
 */
@Component
class RequestsPart implements ProgrammePart {

    private final RequestDeadlines deadlines;
    private final SectionFeeds feeds;
    private final int answerDays;

    RequestsPart(RequestDeadlines deadlines, SectionFeeds feeds, ProgrammeProperties programme) {
        this.deadlines = deadlines;
        this.feeds = feeds;
        this.answerDays = programme.requests().answerDays();
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String heading() {
        return "Запросы на публикацию новых наборов";
    }

    @Override
    public String obligation() {
        return "На каждый запрос гражданина о публикации новых данных дан ответ в течение " + answerDays
                + " календарных дней, запросы и ответы опубликованы.";
    }

    @Override
    public Figures figures() {
        RequestDeadlines.Summary summary = deadlines.summary();
        return Figures.of(List.of(
                ProgrammeFigure.info("Поступило запросов", summary.total()),
                ProgrammeFigure.info("Отвечено в срок", summary.of(RequestStatus.ANSWERED_ON_TIME)),
                ProgrammeFigure.problems("Отвечено с опозданием", summary.answeredLate(), Verdict.AT_RISK),
                ProgrammeFigure.info("Ожидают ответа", summary.open()),
                ProgrammeFigure.problems("Срок ответа близко", summary.atRisk(), Verdict.AT_RISK),
                ProgrammeFigure.problems("Срок ответа пропущен", summary.overdue(), Verdict.NOT_MET)));
    }

    @Override
    public String consolePath() {
        return "/admin/requests";
    }

    @Override
    public String publicPath() {
        return "/opendata/requests/";
    }

    @Override
    public String datasetId() {
        return feeds.publishing("requests");
    }
}
