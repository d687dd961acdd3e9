package ru.gov.tomsk.opendata.feed;

import java.util.List;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns SnakeYAML's syntax errors into advice a department can follow, at the line where the mistake is. The
 * parser reports where it gave up, which is often a line after the mistake: a key without its colon is read as a
 * text that continues on the next line, and only the colon there is refused ("mapping values are not allowed
 * here"); so the advice looks at the lines themselves to name the one to fix.
 */
public final class YamlSyntaxAdvice {

    /** A value that starts with a quote: {@code key: "…}, {@code - '…}. */
    private static final java.util.regex.Pattern QUOTE_START =
            java.util.regex.Pattern.compile("^\\s*(- +)?(?:[^\\s\"'#][^:#]*:\\s+)?([\"'])");

    /** 1-based line and column of the mistake, and what to do about it in Russian. */
    public record Advice(int line, int column, String russian) {
    }

    private YamlSyntaxAdvice() {
    }

    public static Advice advise(MarkedYAMLException e, String text) {
        List<String> lines = text.lines().toList();
        Mark problem = e.getProblemMark();
        Mark context = e.getContextMark();
        String what = String.valueOf(e.getProblem());
        String during = String.valueOf(e.getContext());
        if (problem == null) {
            return context == null ? new Advice(0, 0, "Ошибка в записи YAML.")
                    : new Advice(context.getLine() + 1, context.getColumn() + 1, "Ошибка в записи YAML в строке "
                            + (context.getLine() + 1) + ".");
        }
        int line = problem.getLine() + 1;
        int column = problem.getColumn() + 1;
        if (what.contains("\\t") || what.contains("(TAB)")) {
            return new Advice(line, column, "В строке " + line + " стоит символ табуляции: отступы в YAML делаются "
                    + "только пробелами. Замените табуляцию пробелами.");
        }
        if (during.contains("quoted scalar") && context != null) {
            return unclosedQuote(context.getLine() + 1, context.getColumn() + 1);
        }
        if (what.contains("could not find expected ':'") && context != null) {
            int key = context.getLine() + 1;
            return new Advice(key, context.getColumn() + 1, "В строке " + key + " после названия свойства нет "
                    + "двоеточия: пишите «название: значение», с пробелом после двоеточия.");
        }
        if (during.contains("flow sequence") && context != null) {
            int open = context.getLine() + 1;
            return new Advice(open, context.getColumn() + 1, "В строке " + open + " список в квадратных скобках не "
                    + "закрыт: поставьте «]» в конце списка, элементы разделяйте запятыми.");
        }
        // a quote left open runs on to the next quote, lines later, and the parser stumbles only there
        Advice unclosed = openQuote(lines, line);
        if (unclosed != null) {
            return unclosed;
        }
        if (what.contains("mapping values are not allowed")) {
            return colonAdvice(lines, line, column);
        }
        if (what.startsWith("expected <block end>")) {
            String current = line(lines, line);
            if (what.contains("<scalar>") && current.substring(0, Math.min(column - 1,
                    current.length())).matches(".*[\"'].*")) {
                return new Advice(line, column, "В строке " + line + " после закрывающей кавычки идёт ещё текст: "
                        + "возьмите в кавычки всё значение целиком.");
            }
            return new Advice(line, column, "Проверьте отступ в строке " + line + ": свойства одного уровня "
                    + "начинаются с одного и того же столбца, вложенные — правее (отступ пробелами).");
        }
        return new Advice(line, column, "Ошибка в записи YAML в строке " + line + ", столбец " + column + ".");
    }

    /**
     * A colon the parser refuses: either a colon inside an unquoted value on this line, or this line's key read as the
     * continuation of the line before (whose key lost its colon, or which this line is indented deeper than).
     */
    private static Advice colonAdvice(List<String> lines, int line, int column) {
        String current = line(lines, line);
        String before = current.substring(0, Math.min(column - 1, current.length()));
        if (before.contains(": ") || before.stripLeading().startsWith("- ") && before.contains(":")) {
            String key = before.substring(0, before.indexOf(':')).strip();
            return new Advice(line, column, "В строке " + line + " значение свойства «" + key.replaceFirst("^- ", "")
                    + "» содержит двоеточие: поставьте значение в кавычки, например " + key + ": \""
                    + current.substring(current.indexOf(':') + 1).strip().replace("\"", "'") + "\".");
        }
        int previous = line - 1;
        while (previous > 0 && (line(lines, previous).isBlank() || line(lines,
                previous).stripLeading().startsWith("#"))) {
            previous--;
        }
        String earlier = line(lines, previous);
        if (previous > 0 && !earlier.contains(":")) {
            return new Advice(previous, indent(earlier) + 1, "В строке " + previous + " после названия свойства нет "
                    + "двоеточия: пишите «название: значение», с пробелом после двоеточия.");
        }
        return new Advice(line, column, "Проверьте отступ в строке " + line + ": у неё больше пробелов "
                + "в начале, чем у строки " + previous + " того же уровня; вложенные свойства бывают только у свойства "
                + "без значения.");
    }

    private static Advice unclosedQuote(int line, int column) {
        return new Advice(line, column, "В строке " + line + " кавычка открыта, но не закрыта: поставьте такую же "
                + "кавычку в конце значения.");
    }

    /** The first line before {@code before} whose value opens a quote that the line does not close, or null. */
    private static Advice openQuote(List<String> lines, int before) {
        for (int i = 1; i < before && i <= lines.size(); i++) {
            java.util.regex.Matcher m = QUOTE_START.matcher(lines.get(i - 1));
            if (m.find()) {
                String quote = m.group(2);
                String rest = lines.get(i - 1).substring(m.end()).replace("\\\\", "").replace("\\\"", "")
                        .replace("''", "");
                if (!rest.contains(quote)) {
                    return unclosedQuote(i, m.start(2) + 1);
                }
            }
        }
        return null;
    }

    private static String line(List<String> lines, int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
