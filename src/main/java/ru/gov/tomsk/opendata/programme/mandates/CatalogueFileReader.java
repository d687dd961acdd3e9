package ru.gov.tomsk.opendata.programme.mandates;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.feed.FeedProblem;
import ru.gov.tomsk.opendata.feed.YamlSyntaxAdvice;

/**
 * Reads one catalogue file ({@code config/mandates/*.yaml}) into a {@link MandateList}, or says precisely what is
 * wrong: like the feed files, every problem names the file, line, column and property. It walks SnakeYAML's node
 * tree (safe constructor, no duplicate keys, a size limit) because only the nodes keep their positions.
 */
final class CatalogueFileReader {

    static final int MAX_FILE_BYTES = 256 * 1024;
    private static final java.util.regex.Pattern INN = java.util.regex.Pattern.compile("^\\d{10}$");
    private static final java.util.regex.Pattern LIST_ID = java.util.regex.Pattern.compile("^[^/\\s][^/]{0,62}$");

    private final Path file;
    private final List<FeedProblem> problems = new ArrayList<>();

    private CatalogueFileReader(Path file) {
        this.file = file;
    }

    /** The list of the file, or the file's problems (Left/Right in one record: exactly one is set). */
    record Result(MandateList list, BrokenCatalogueFile broken) {
    }

    static Result read(Path file) {
        CatalogueFileReader reader = new CatalogueFileReader(file);
        MandateList list = reader.parse();
        if (!reader.problems.isEmpty()) {
            List<FeedProblem> sorted = new ArrayList<>(reader.problems);
            sorted.sort(Comparator.comparingInt(FeedProblem::line).thenComparingInt(FeedProblem::column));
            return new Result(null, new BrokenCatalogueFile(file, sorted));
        }
        return new Result(list, null);
    }

    private MandateList parse() {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problem(null, "", "Файл каталога слишком большой: допускается не больше " + MAX_FILE_BYTES / 1024
                        + " КиБ.", "file is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
                return null;
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            problem(null, "", "Файл сохранён не в кодировке UTF-8: сохраните его заново в UTF-8.", "not UTF-8 text");
            return null;
        } catch (IOException e) {
            problem(null, "", "Файл не удалось прочитать.", "cannot read the file: " + e.getMessage());
            return null;
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(10);
            options.setCodePointLimit(MAX_FILE_BYTES);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text.startsWith("\uFEFF")
                    ? text.substring(1) : text));
        } catch (MarkedYAMLException e) {
            YamlSyntaxAdvice.Advice advice = YamlSyntaxAdvice.advise(e, text);
            problems.add(new FeedProblem(file, advice.line(), advice.column(), "", "YAML syntax: "
                    + (e.getProblem() != null ? e.getProblem() : e.getMessage()), advice.russian()));
            return null;
        } catch (YAMLException e) {
            problem(null, "", "Файл не читается как YAML.", "YAML: " + e.getMessage());
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problem(root, "", "Файл каталога должен состоять из свойств вида «название: значение» (id, title, act, "
                    + "items).", "expected a mapping with id, title, act, items");
            return null;
        }
        Props top = new Props(mapping, "", Set.of("id", "title", "act", "demo", "items"));
        String id = top.text("id", true);
        if (id != null && !LIST_ID.matcher(id).matches()) {
            problem(top.value("id"), "id", "Код перечня «" + id + "» не годится: до 63 знаков, без косой черты "
                    + "(по ней набор отделяет код от номера пункта: 1187-р/5).", "'" + id
                    + "' must be up to 63 characters without a slash");
        }
        String title = top.text("title", true);
        Props actProps = top.props("act", true, Set.of("name", "date", "number"));
        MandateList.Act act = actProps == null ? null : new MandateList.Act(actProps.text("name", true),
                actProps.date("date", false), actProps.text("number", false));
        boolean demo = top.bool("demo", false);
        List<MandateItem> items = new ArrayList<>();
        Map<Integer, Node> numbers = new HashMap<>();
        List<Props> itemProps = top.list("items");
        for (Props p : itemProps) {
            Integer number = p.number("number");
            if (number != null && numbers.containsKey(number)) {
                problem(p.value("number"), p.path("number"), "Пункт " + number + " уже есть (строка "
                        + (numbers.get(number).getStartMark().getLine() + 1) + "): у каждого пункта свой номер.",
                        "item " + number + " is given twice");
            } else if (number != null) {
                numbers.put(number, p.value("number"));
            }
            String wording = p.text("wording", true);
            Boolean coordinates = p.requiredBool("coordinates");
            Frequency frequency = p.choice("frequency", Frequency::fromWord, Frequency.words());
            String kind = p.text("kind", false);
            if (kind != null && !kind.equals("reference")) {
                problem(p.value("kind"), p.path("kind"), "Вид пункта «" + kind + "» неизвестен: укажите kind: "
                        + "reference для справочника или классификатора, или уберите свойство.",
                        "unknown kind '" + kind + "'; the only kind is reference");
            }
            String owner = p.text("owner", false);
            if (owner != null && !INN.matcher(owner).matches()) {
                problem(p.value("owner"), p.path("owner"), "«" + owner + "» — не ИНН: нужны 10 цифр ИНН органа "
                        + "власти, который публикует набор.", "'" + owner + "' is not a 10-digit ИНН");
            }
            items.add(new MandateItem(number == null ? 0 : number, wording, Boolean.TRUE.equals(coordinates),
                    frequency, "reference".equals(kind), owner));
        }
        if (itemProps.isEmpty() && top.value("items") instanceof SequenceNode) {
            problem(top.value("items"), "items", "В перечне нет ни одного пункта.", "a list needs at least one item");
        }
        items.sort(Comparator.comparingInt(MandateItem::number));
        return new MandateList(id, title, act, demo, items, file);
    }

    private void problem(Node node, String field, String russian, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        int column = node == null ? 0 : node.getStartMark().getColumn() + 1;
        problems.add(new FeedProblem(file, line, column, field, message, russian));
    }

    /** The properties of one mapping, each read once and checked against what the format allows. */
    private final class Props {
        private final MappingNode node;
        private final String prefix;
        private final Map<String, Node> values = new LinkedHashMap<>();

        Props(MappingNode node, String prefix, Set<String> allowed) {
            this.node = node;
            this.prefix = prefix;
            for (NodeTuple tuple : node.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null || !allowed.contains(key)) {
                    problem(tuple.getKeyNode(), path(String.valueOf(key)), "Неизвестное свойство «" + key
                            + "»; допустимые: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".",
                            "unknown property; expected one of: " + String.join(", ", new java.util.TreeSet<>(allowed)));
                } else {
                    values.put(key, tuple.getValueNode());
                }
            }
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        /** The value's node, or the mapping's when the property is missing: a message points somewhere useful. */
        Node value(String key) {
            return values.getOrDefault(key, node);
        }

        private Node present(String key, boolean required) {
            Node value = values.get(key);
            if (value == null || Tag.NULL.equals(value.getTag())) {
                if (required) {
                    problem(value(key), path(key), "Не указано обязательное свойство «" + key + "».",
                            "required property is missing");
                }
                return null;
            }
            return value;
        }

        String text(String key, boolean required) {
            Node value = present(key, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                problem(value, path(key), "Свойство «" + key + "» — непустой текст в одну строку или в кавычках.",
                        "expected a non-empty single value");
                return null;
            }
            return scalar.getValue().strip();
        }

        boolean bool(String key, boolean absent) {
            Boolean value = value(key, false);
            return value == null ? absent : value;
        }

        Boolean requiredBool(String key) {
            return value(key, true);
        }

        private Boolean value(String key, boolean required) {
            String text = text(key, required);
            if (text == null) {
                return null;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "да" -> true;
                case "false", "нет" -> false;
                default -> {
                    problem(value(key), path(key), "Свойство «" + key + "» принимает значения true (да) или false "
                            + "(нет).", "expected true or false");
                    yield null;
                }
            };
        }

        Integer number(String key) {
            String text = text(key, true);
            if (text == null) {
                return null;
            }
            if (!text.matches("[1-9]\\d{0,3}")) {
                problem(value(key), path(key), "Номер пункта — целое число от 1 до 9999, а не «" + text + "».",
                        "expected a whole number from 1 to 9999");
                return null;
            }
            return Integer.valueOf(text);
        }

        LocalDate date(String key, boolean required) {
            String text = text(key, required);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(value(key), path(key), "Дата «" + text + "» записана неверно: нужен вид ГГГГ-ММ-ДД, например "
                        + "2013-06-10.", "expected a date YYYY-MM-DD");
                return null;
            }
        }

        <T> T choice(String key, Function<String, Optional<T>> lookup, String words) {
            String text = text(key, true);
            if (text == null) {
                return null;
            }
            Optional<T> found = lookup.apply(text);
            if (found.isEmpty()) {
                problem(value(key), path(key), "Недопустимое значение «" + text + "» свойства «" + key
                        + "»; допустимые: " + words + ".", "unknown value '" + text + "'; expected one of: " + words);
            }
            return found.orElse(null);
        }

        Props props(String key, boolean required, Set<String> allowed) {
            Node value = present(key, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof MappingNode mapping)) {
                problem(value, path(key), "Свойство «" + key + "» должно содержать вложенные свойства ("
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ").", "expected a mapping");
                return null;
            }
            return new Props(mapping, path(key), allowed);
        }

        /** The items: each a mapping of the item's properties. */
        List<Props> list(String key) {
            Node value = present(key, true);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof SequenceNode sequence)) {
                problem(value, path(key), "Свойство «" + key + "» должно быть списком пунктов (каждый с новой строки "
                        + "через «- »).", "expected a list");
                return List.of();
            }
            List<Props> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String at = path(key) + "[" + i + "]";
                if (item instanceof MappingNode mapping) {
                    items.add(new Props(mapping, at, Set.of("number", "wording", "coordinates", "frequency", "kind",
                            "owner")));
                } else {
                    problem(item, at, "Каждый пункт — набор свойств: number, wording, coordinates, frequency.",
                            "expected a mapping of the item's properties");
                }
            }
            return items;
        }
    }
}
