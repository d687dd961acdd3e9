package ru.gov.tomsk.opendata.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedParser;
import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.FeedRules;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;

/**
 * Checks a feed file that someone posts, exactly as the service would load it from {@code config/feeds/}: the
 * same parser (hardened SnakeYAML: safe constructor, no duplicate keys, few aliases, limited nesting and size),
 * the same rules (configured datasources and targets, the environment for {@code ${NAME}} placeholders) and the
 * source kinds' option checks, as the {@code validate} command does. Nothing is stored.
 */
@Component
public class FeedFileValidator {

    /** The size the service loads a feed file up to (FeedParser's own limit). */
    public static final int MAX_BYTES = 256 * 1024;
    private static final Pattern IDENTIFIER_LINE = Pattern.compile("(?m)^identifier:[ \\t]*[\"']?([^\"'\\s#]+)");
    private static final Pattern FILE_NAME = Pattern.compile("[^./\\\\][^/\\\\]*\\.ya?ml");

    private final FeedParser parser;

    public FeedFileValidator(FeedRules rules) {
        this.parser = new FeedParser(rules);
    }

    /**
     * Every problem of the file, in file order, each with its line and column (0 when the whole file is meant);
     * an empty list when the service would load it.
     *
     * @param fileName the name it would have in {@code config/feeds/} (the identifier must match it);
     *                 {@code <identifier>.yaml} when blank
     */
    public List<FeedProblem> validate(String fileName, String yamlText) {
        try {
            parse(fileName, yamlText);
            return List.of();
        } catch (InvalidFeedException e) {
            return e.problems();
        }
    }

    /** The feed the text defines, as the service would load it, or every problem of it. */
    public FeedDefinition parse(String fileName, String yamlText) throws InvalidFeedException {
        String text = yamlText == null ? "" : yamlText;
        String name = fileName == null || fileName.isBlank() ? defaultName(text) : fileName.strip();
        if (!FILE_NAME.matcher(name).matches()) {
            throw invalid(Path.of("feed.yaml"), "Имя файла «" + name + "» не подходит: файл описания называется по "
                    + "идентификатору набора, например 7017069388-schools.yaml, без папок и без точки в начале.",
                    "'" + name + "' is not a feed file name: the service loads only"
                    + " <identifier>.yaml (or .yml) files, without folders, not starting with a dot");
        }
        Path file = Path.of(name);
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw invalid(file, "Файл описания слишком большой: допускается не больше " + MAX_BYTES / 1024 + " КиБ.",
                    "the file has " + bytes + " bytes; a feed file may have at most " + MAX_BYTES + " ("
                    + MAX_BYTES / 1024 + " KiB)");
        }
        try {
            return parser.parse(file, text);
        } catch (RuntimeException e) {
            // the parser reports what it knows; anything else is still an answer about this file, not a server error
            throw invalid(file, "Файл не удалось прочитать как описание набора.", "cannot be read: " + e.getMessage());
        }
    }

    private static InvalidFeedException invalid(Path file, String russian, String message) {
        return new InvalidFeedException(file, List.of(new FeedProblem(file, 0, 0, "", message, russian)));
    }

    /** {@code <identifier>.yaml} when the text names a plausible identifier, else a name that matches none. */
    private static String defaultName(String text) {
        Matcher m = IDENTIFIER_LINE.matcher(text);
        if (m.find() && FeedParser.IDENTIFIER.matcher(m.group(1)).matches()) {
            return m.group(1) + ".yaml";
        }
        return "feed.yaml";
    }
}
