package ru.gov.tomsk.opendata.programme;

/**
 * One figure of an obligation as the programme pages show it: «Просрочено ответов: 2».
 *
 * @param label   what is counted, in Russian
 * @param value   the figure as shown (a count, «12 из 17», «83 %»)
 * @param verdict how this figure stands; {@link Verdict#MET} for a figure that is only informative
 */
public record ProgrammeFigure(String label, String value, Verdict verdict) {

    public static ProgrammeFigure info(String label, Object value) {
        return new ProgrammeFigure(label, String.valueOf(value), Verdict.MET);
    }

    /** A count that is bad when not zero: {@code bad} then. */
    public static ProgrammeFigure problems(String label, long count, Verdict bad) {
        return new ProgrammeFigure(label, String.valueOf(count), count == 0 ? Verdict.MET : bad);
    }
}
