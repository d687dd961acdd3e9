package ru.gov.tomsk.opendata.programme;

import java.util.List;

/**
 * One obligation of the region's open-data plan, as the programme pages ({@code /admin/programme},
 * {@code /opendata/programme/}) answer "are we meeting it?". Each obligation is a bean of this type; the pages show
 * them in {@link #order()}.
 *
 * <p>Every figure a part shows is also published as open data: {@link #datasetId()} names the section's own
 * dataset that holds it (a feed of source kind {@code section}), or the part says where else it is published.
 */
public interface ProgrammePart {

    /** Position on the pages, smaller first. */
    int order();

    /** Short Russian heading: «Запросы на публикацию новых наборов». */
    String heading();

    /** The obligation itself, one Russian sentence: «Каждый запрос рассматривается в течение 30 дней». */
    String obligation();

    /** The figures as of now, computed once per call. */
    Figures figures();

    /** The console page with the details, e.g. {@code /admin/requests}. */
    String consolePath();

    /** The public page with the details, e.g. {@code /opendata/requests/}; null if none. */
    String publicPath();

    /**
     * Identifier of the dataset that publishes these figures as open data; null if they are published otherwise
     * ({@link #publishedAs()}).
     */
    String datasetId();

    /** Where the figures are published when no dataset of their own does, in Russian; null when one does. */
    default String publishedAs() {
        return null;
    }

    /** The figures and the part's verdict (the worst of the figures' unless a part knows better). */
    record Figures(Verdict verdict, List<ProgrammeFigure> figures) {

        public Figures {
            figures = List.copyOf(figures);
        }

        public static Figures of(List<ProgrammeFigure> figures) {
            Verdict verdict = figures.isEmpty() ? Verdict.NO_DATA : Verdict.MET;
            for (ProgrammeFigure figure : figures) {
                verdict = verdict.worst(figure.verdict());
            }
            return new Figures(verdict, figures);
        }
    }
}
