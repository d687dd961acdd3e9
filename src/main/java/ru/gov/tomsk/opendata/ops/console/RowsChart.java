package ru.gov.tomsk.opendata.ops.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import ru.gov.tomsk.opendata.catalog.FeedRun;
import ru.gov.tomsk.opendata.catalog.RunStatus;

/**
 * The rows of a feed's runs over time, drawn on the server as an inline SVG: published and rejected rows per
 * finished run, oldest left. No script and nothing loaded from elsewhere; each point carries a {@code <title>}, which
 * browsers show on hover and screen readers read, and the run table has the same numbers.
 *
 * <p>The markup is written here rather than in the template: Thymeleaf's HTML parser treats {@code <title>} as the
 * document's title and closes the SVG elements around it. Every text put into it is escaped.
 *
 * @param points    one per run that read its source, oldest first
 * @param published polyline of the published rows
 * @param rejected  polyline of the rejected rows
 * @param yMax      the value of the top grid line
 */
public record RowsChart(int width, int height, int left, int right, int top, int bottom, List<Point> points,
                        String published, String rejected, long yMax, String firstLabel, String lastLabel) {

    static final int MAX_RUNS = 60;

    /** @param title what the point's tooltip says */
    public record Point(double x, double yPublished, double yRejected, String title) {
    }

    public boolean empty() {
        return points.isEmpty();
    }

    public double yMid() {
        return (top + bottom) / 2.0;
    }

    /** The chart as SVG markup, every text escaped. */
    public String svg() {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"rows-chart\" class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" ")
                .append("xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
        svg.append("<title id=\"chart-title\">Опубликованные и отклонённые строки по запускам</title>");
        svg.append("<desc id=\"chart-desc\">").append(escape("Запусков: " + points.size() + ", с " + firstLabel + " по "
                + lastLabel + "; верх шкалы — " + yMax + " строк.")).append("</desc>");
        line(svg, "grid", left, right, top, top);
        line(svg, "grid", left, right, yMid(), yMid());
        line(svg, "axis", left, right, bottom, bottom);
        line(svg, "axis", left, left, top, bottom);
        label(svg, "end", left - 6, top + 4, Long.toString(yMax));
        label(svg, "end", left - 6, bottom + 4, "0");
        label(svg, "start", left, height - 12, firstLabel);
        label(svg, "end", right, height - 12, lastLabel);
        svg.append("<polyline class=\"published\" points=\"").append(published).append("\"/>");
        svg.append("<polyline class=\"rejected\" points=\"").append(rejected).append("\"/>");
        for (Point p : points) {
            svg.append("<circle class=\"published\" r=\"3.5\" cx=\"").append(fmt(p.x())).append("\" cy=\"")
                    .append(fmt(p.yPublished())).append("\"><title>").append(escape(p.title())).append("</title></circle>");
            svg.append("<circle class=\"rejected\" r=\"2.5\" cx=\"").append(fmt(p.x())).append("\" cy=\"")
                    .append(fmt(p.yRejected())).append("\"><title>").append(escape(p.title())).append("</title></circle>");
        }
        return svg.append("</svg>").toString();
    }

    static void line(StringBuilder svg, String css, double x1, double x2, double y1, double y2) {
        svg.append("<line class=\"").append(css).append("\" x1=\"").append(fmt(x1)).append("\" x2=\"").append(fmt(x2))
                .append("\" y1=\"").append(fmt(y1)).append("\" y2=\"").append(fmt(y2)).append("\"/>");
    }

    static void label(StringBuilder svg, String anchor, double x, double y, String text) {
        svg.append("<text text-anchor=\"").append(anchor).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                .append("\">").append(escape(text)).append("</text>");
    }

    static String escape(String text) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }

    static RowsChart of(List<FeedRun> newestFirst, ConsoleText text) {
        int width = 720;
        int height = 220;
        int left = 64;
        int right = width - 16;
        int top = 16;
        int bottom = height - 36;
        List<FeedRun> runs = newestFirst.stream()
                .filter(r -> r.status() != RunStatus.RUNNING && r.status() != RunStatus.INVALID)
                .filter(r -> r.status() != RunStatus.FAILED || r.rowsRead() > 0)
                .limit(MAX_RUNS)
                .sorted(Comparator.comparing(FeedRun::startedAt))
                .toList();
        long max = runs.stream().mapToLong(r -> Math.max(r.rowsWritten(), r.rowsRejected())).max().orElse(0);
        long yMax = niceCeiling(max);
        List<Point> points = new ArrayList<>(runs.size());
        StringBuilder published = new StringBuilder();
        StringBuilder rejected = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            FeedRun r = runs.get(i);
            double x = runs.size() == 1 ? (left + right) / 2.0 : left + (right - left) * (double) i / (runs.size() - 1);
            double yp = y(r.rowsWritten(), yMax, top, bottom);
            double yr = y(r.rowsRejected(), yMax, top, bottom);
            points.add(new Point(round(x), round(yp), round(yr), text.dateTime(r.startedAt()) + ": опубликовано "
                    + text.count(r.rowsWritten()) + ", отклонено " + text.count(r.rowsRejected()) + " ("
                    + text.run(r.status()) + ")"));
            published.append(fmt(x)).append(',').append(fmt(yp)).append(' ');
            rejected.append(fmt(x)).append(',').append(fmt(yr)).append(' ');
        }
        return new RowsChart(width, height, left, right, top, bottom, points, published.toString().trim(),
                rejected.toString().trim(), yMax, runs.isEmpty() ? "" : text.dateTime(runs.get(0).startedAt()),
                runs.isEmpty() ? "" : text.dateTime(runs.get(runs.size() - 1).startedAt()));
    }

    private static double y(long value, long yMax, int top, int bottom) {
        return bottom - (bottom - top) * (double) value / yMax;
    }

    /** 1, 2 or 5 times a power of ten, at least the value: a grid line a person can read. */
    static long niceCeiling(long value) {
        if (value <= 1) {
            return 1;
        }
        long power = 1;
        while (power * 10 < value) {
            power *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (power * step >= value) {
                return power * step;
            }
        }
        return power * 10;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
