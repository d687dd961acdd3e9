package ru.gov.tomsk.opendata.ops.console;

import static ru.gov.tomsk.opendata.ops.console.RowsChart.escape;
import static ru.gov.tomsk.opendata.ops.console.RowsChart.fmt;
import static ru.gov.tomsk.opendata.ops.console.RowsChart.label;
import static ru.gov.tomsk.opendata.ops.console.RowsChart.line;
import static ru.gov.tomsk.opendata.ops.console.RowsChart.round;

import java.util.List;

import ru.gov.tomsk.opendata.programme.indicator.Indicator;
import ru.gov.tomsk.opendata.programme.indicator.QuarterCount;
import ru.gov.tomsk.opendata.programme.indicator.YearTarget;

/**
 * The published-datasets indicator drawn on the server as an inline SVG, like {@link RowsChart} (no script, the
 * console's CSP): a bar per quarter for the datasets first published in it, the cumulative line over them, and the
 * programme's target of each year as a mark at the end of its fourth quarter. The x axis runs to the end of the
 * current year when the year has a target, so that the mark the region is heading for is on the chart. Every
 * element carries a {@code <title>}; the table under the chart has the same numbers.
 */
public record IndicatorChart(String svg, boolean empty) {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    static final int LEFT = 64;
    static final int RIGHT = WIDTH - 16;
    static final int TOP = 16;
    static final int BOTTOM = HEIGHT - 36;

    static IndicatorChart of(Indicator indicator) {
        List<QuarterCount> quarters = indicator.quarters();
        if (quarters.isEmpty()) {
            return new IndicatorChart("", true);
        }
        int first = index(quarters.get(0).year(), quarters.get(0).quarter());
        QuarterCount current = quarters.get(quarters.size() - 1);
        int last = index(current.year(), current.quarter());
        List<YearTarget> shown = indicator.targets().stream()
                .filter(t -> index(t.year(), 4) >= first && t.year() <= current.year()).toList();
        if (!shown.isEmpty()) {
            last = Math.max(last, index(shown.get(shown.size() - 1).year(), 4));
        }
        long max = quarters.stream().mapToLong(QuarterCount::cumulative).max().orElse(0);
        max = Math.max(max, shown.stream().mapToLong(YearTarget::target).max().orElse(0));
        long yMax = RowsChart.niceCeiling(max);
        int slots = last - first + 1;
        double slot = (RIGHT - LEFT) / (double) slots;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"indicator-chart\" class=\"chart\" role=\"img\" ")
                .append("aria-labelledby=\"indicator-chart-title indicator-chart-desc\" ")
                .append("xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">");
        svg.append("<title id=\"indicator-chart-title\">Опубликованные наборы данных по кварталам</title>");
        svg.append("<desc id=\"indicator-chart-desc\">").append(escape("Кварталов: " + quarters.size() + ", с "
                + quarters.get(0).label() + " по " + current.label() + "; опубликовано нарастающим итогом "
                + current.cumulative() + "; верх шкалы — " + yMax + " наборов.")).append("</desc>");
        line(svg, "grid", LEFT, RIGHT, TOP, TOP);
        line(svg, "grid", LEFT, RIGHT, (TOP + BOTTOM) / 2.0, (TOP + BOTTOM) / 2.0);
        line(svg, "axis", LEFT, RIGHT, BOTTOM, BOTTOM);
        line(svg, "axis", LEFT, LEFT, TOP, BOTTOM);
        label(svg, "end", LEFT - 6, TOP + 4, Long.toString(yMax));
        label(svg, "end", LEFT - 6, BOTTOM + 4, "0");
        label(svg, "start", LEFT, HEIGHT - 12, quarters.get(0).label());
        label(svg, "end", RIGHT, HEIGHT - 12, quarterLabel(last));

        StringBuilder cumulative = new StringBuilder();
        for (QuarterCount q : quarters) {
            double x = LEFT + slot * (index(q.year(), q.quarter()) - first + 0.5);
            double barTop = y(q.published(), yMax);
            svg.append("<rect class=\"quarter\" x=\"").append(fmt(x - slot * 0.3)).append("\" y=\"")
                    .append(fmt(barTop)).append("\" width=\"").append(fmt(slot * 0.6)).append("\" height=\"")
                    .append(fmt(BOTTOM - barTop)).append("\"><title>")
                    .append(escape(q.label() + ": опубликовано за квартал " + q.published())).append("</title></rect>");
            cumulative.append(fmt(x)).append(',').append(fmt(y(q.cumulative(), yMax))).append(' ');
        }
        svg.append("<polyline class=\"published\" points=\"").append(cumulative.toString().trim()).append("\"/>");
        for (QuarterCount q : quarters) {
            double x = LEFT + slot * (index(q.year(), q.quarter()) - first + 0.5);
            svg.append("<circle class=\"published\" r=\"3.5\" cx=\"").append(fmt(x)).append("\" cy=\"")
                    .append(fmt(y(q.cumulative(), yMax))).append("\"><title>")
                    .append(escape(q.label() + ": всего опубликовано " + q.cumulative()
                            + (q.complete() ? "" : " (квартал не завершён)")))
                    .append("</title></circle>");
        }
        for (YearTarget t : shown) {
            double x = LEFT + slot * (index(t.year(), 4) - first + 0.5);
            double y = y(t.target(), yMax);
            line(svg, "target", round(x - slot * 0.4), round(x + slot * 0.4), y, y);
            svg.append("<circle class=\"target\" r=\"4\" cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                    .append("\"><title>").append(escape("Цель на конец " + t.year() + " года: " + t.target()))
                    .append("</title></circle>");
        }
        return new IndicatorChart(svg.append("</svg>").toString(), false);
    }

    private static double y(long value, long yMax) {
        return round(BOTTOM - (BOTTOM - TOP) * (double) value / yMax);
    }

    private static int index(int year, int quarter) {
        return year * 4 + quarter - 1;
    }

    private static String quarterLabel(int index) {
        return new QuarterCount(index / 4, index % 4 + 1, 0, 0, null, true).label();
    }
}
