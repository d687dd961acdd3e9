package ru.gov.tomsk.opendata.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules of {@code promtool check metrics} (Prometheus' {@code promlint}), rewritten for tests that cannot rely on
 * promtool being installed. Problems are worded as promtool prints them ({@code <family> <message>}), so that where
 * promtool is on the PATH its answer and this one can be compared line by line.
 *
 * <p>Reads the Prometheus text format 0.0.4 (what {@code /actuator/prometheus} answers by default).
 */
final class PromLint {

    /** A metric family: its name as in the TYPE line, type, HELP text ({@code null} if absent), label names. */
    record Family(String name, String type, String help, Set<String> labels) {
    }

    /** Unit words promlint knows, with the base unit each should be (a base unit maps to itself). */
    static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("amperes", "amperes"), Map.entry("bytes", "bytes"), Map.entry("celsius", "celsius"),
            Map.entry("grams", "grams"), Map.entry("joules", "joules"), Map.entry("kelvin", "kelvin"),
            Map.entry("meters", "meters"), Map.entry("metres", "metres"), Map.entry("seconds", "seconds"),
            Map.entry("volts", "volts"),
            Map.entry("minutes", "seconds"), Map.entry("hours", "seconds"), Map.entry("days", "seconds"),
            Map.entry("weeks", "seconds"), Map.entry("kelvins", "kelvin"), Map.entry("fahrenheit", "celsius"),
            Map.entry("rankine", "celsius"), Map.entry("inches", "meters"), Map.entry("yards", "meters"),
            Map.entry("miles", "meters"), Map.entry("bits", "bytes"), Map.entry("calories", "joules"),
            Map.entry("pounds", "grams"), Map.entry("ounces", "grams"));

    /** SI and binary prefixes a unit word may carry ({@code milliseconds}, {@code kibibytes}). */
    static final List<String> UNIT_PREFIXES = List.of("pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto",
            "kilo", "kibi", "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi");

    /** Name parts promlint reads as abbreviated units ({@code _ms}, {@code _s}, {@code _d}…). */
    static final Set<String> UNIT_ABBREVIATIONS = Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb",
            "m", "h", "d");

    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");
    /** Stricter than promlint, which only looks for a lower-case letter before a capital: lower case, digits, '_'. */
    static final Pattern SNAKE_CASE = Pattern.compile("[a-z_][a-z0-9_]*");

    private PromLint() {
    }

    /** The families of an exposition, in order. Samples belong to the family of the TYPE line before them. */
    static List<Family> parse(String exposition) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        String current = null;
        for (String line : exposition.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                current = parts[0];
                labels.computeIfAbsent(current, n -> new LinkedHashSet<>());
                String rest = parts.length > 1 ? parts[1] : "";
                if (line.startsWith("# HELP ")) {
                    helps.put(current, rest.strip());
                } else {
                    types.put(current, rest.strip());
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String sample = line.substring(0, brace >= 0 && brace < space ? brace : space);
            String family = current != null && sample.startsWith(current) ? current : sample;
            labels.computeIfAbsent(family, n -> new LinkedHashSet<>());
            if (brace >= 0 && brace < space) {
                labels.get(family).addAll(labelNames(line.substring(brace + 1)));
            }
        }
        List<Family> families = new ArrayList<>();
        labels.forEach((name, names) -> families.add(new Family(name, types.getOrDefault(name, "untyped"),
                helps.get(name) == null || helps.get(name).isEmpty() ? null : helps.get(name), names)));
        return families;
    }

    /** Label names of {@code a="x",b="y\"}"}...}: values may hold escaped quotes, commas and braces. */
    private static List<String> labelNames(String afterBrace) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < afterBrace.length() && afterBrace.charAt(i) != '}') {
            int equals = afterBrace.indexOf('=', i);
            names.add(afterBrace.substring(i, equals).strip());
            i = equals + 2; // past ="
            while (afterBrace.charAt(i) != '"') {
                i += afterBrace.charAt(i) == '\\' ? 2 : 1;
            }
            i++; // past the closing quote
            if (afterBrace.charAt(i) == ',') {
                i++;
            }
        }
        return names;
    }

    /** promlint's problems of one family, as {@code "<family> <message>"}. */
    static Set<String> problems(Family f) {
        Set<String> problems = new TreeSet<>();
        String n = f.name();
        String type = f.type().toLowerCase(Locale.ROOT);
        if (f.help() == null) {
            problems.add(n + " no help text");
        }
        String[] parts = n.split("_");
        unit:
        for (String part : parts) {
            String base = UNITS.get(part);
            if (base == null) {
                for (String prefix : UNIT_PREFIXES) {
                    if (part.startsWith(prefix) && UNITS.containsKey(part.substring(prefix.length()))) {
                        base = UNITS.get(part.substring(prefix.length()));
                        break;
                    }
                }
            }
            if (base != null) {
                // the first unit word decides, as in promlint
                if (!base.equals(part)) {
                    problems.add(n + " use base unit \"" + base + "\" instead of \"" + part + "\"");
                }
                break unit;
            }
        }
        boolean counter = type.equals("counter");
        if (counter && !n.endsWith("_total")) {
            problems.add(n + " counter metrics should have \"_total\" suffix");
        }
        if (!counter && !type.equals("untyped") && n.endsWith("_total")) {
            problems.add(n + " non-counter metrics should not have \"_total\" suffix");
        }
        if (!type.equals("untyped")) {
            boolean histogram = type.equals("histogram");
            boolean summary = type.equals("summary");
            if (!histogram && n.endsWith("_bucket")) {
                problems.add(n + " non-histogram metrics should not have \"_bucket\" suffix");
            }
            if (!histogram && !summary && n.endsWith("_count")) {
                problems.add(n + " non-histogram and non-summary metrics should not have \"_count\" suffix");
            }
            if (!histogram && !summary && n.endsWith("_sum")) {
                problems.add(n + " non-histogram and non-summary metrics should not have \"_sum\" suffix");
            }
            if (!histogram && f.labels().contains("le")) {
                problems.add(n + " non-histogram metrics should not have \"le\" label");
            }
            if (!summary && f.labels().contains("quantile")) {
                problems.add(n + " non-summary metrics should not have \"quantile\" label");
            }
        }
        if (n.contains("_" + type + "_") || n.endsWith("_" + type)) {
            problems.add(n + " metric name should not include type '" + type + "'");
        }
        if (n.contains(":")) {
            problems.add(n + " metric names should not contain ':'");
        }
        if (CAMEL_CASE.matcher(n).find()) {
            problems.add(n + " metric names should be written in 'snake_case' not 'camelCase'");
        }
        if (f.labels().stream().anyMatch(l -> CAMEL_CASE.matcher(l).find())) {
            problems.add(n + " label names should be written in 'snake_case' not 'camelCase'");
        }
        for (String part : parts) {
            if (UNIT_ABBREVIATIONS.contains(part)) {
                problems.add(n + " metric names should not contain abbreviated units");
                break;
            }
        }
        return problems;
    }

    /** Every family's problems. */
    static Set<String> problems(String exposition) {
        Set<String> all = new TreeSet<>();
        parse(exposition).forEach(f -> all.addAll(problems(f)));
        return all;
    }
}
