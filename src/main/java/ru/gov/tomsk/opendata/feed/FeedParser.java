package ru.gov.tomsk.opendata.feed;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import ru.gov.tomsk.opendata.dataset.Constraints;
import ru.gov.tomsk.opendata.dataset.Expression;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Frequency;
import ru.gov.tomsk.opendata.dataset.Passport;
import ru.gov.tomsk.opendata.dataset.Structure;
import ru.gov.tomsk.opendata.dataset.ValueConverter;

/**
 * Reads a department's feed file into a {@link FeedDefinition}, or explains precisely what is wrong:
 * every problem names the file, line, column and property, and says what is expected.
 *
 * <p>It walks SnakeYAML's node tree instead of binding to classes because only the nodes keep their
 * positions. The loader is hardened: safe constructor, no duplicate keys, few aliases, a size limit.
 */
public final class FeedParser {

    public static final Pattern IDENTIFIER = Pattern.compile("^\\d{10}-[A-Za-z0-9_]{1,64}$");
    static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,62}$");
    static final int MAX_FILE_BYTES = 256 * 1024;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** {@code <list id>/<item number>}: {@code 1187-р/5}; the list id may hold any character but the slash. */
    private static final Pattern MANDATE = Pattern.compile("^([^/]*[^/\\s][^/]*)/\\s*([1-9]\\d{0,3})$");
    /** Cyrillic letters that look like Latin ones, and those Latin ones: a list id typed in the wrong layout. */
    private static final String CYRILLIC_LOOKALIKES = "асеорхукАВСЕНКМОРТХ";
    private static final String LATIN_LOOKALIKES = "aceopxykABCEHKMOPTX";
    private static final Set<String> FORMATS = Set.of("csv", "json", "xml", "geojson");
    /** What the built-in source kinds are, for a department choosing one; a kind added by a Kamelet goes by its name. */
    private static final Map<String, String> KIND_WORDS = Map.of("sql", "запрос к базе данных", "http",
            "сервис HTTP, JSON", "file", "файл в папке на сервере", "ftp", "файл на FTP-сервере", "sftp",
            "файл на SFTP-сервере", "push", "выгрузку присылает информационная система");

    private final FeedRules rules;

    public FeedParser(FeedRules rules) {
        this.rules = rules;
    }

    public FeedDefinition parse(Path file) throws InvalidFeedException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw invalid(file, 0, 0, "", "Файл описания слишком большой: допускается не больше "
                        + MAX_FILE_BYTES / 1024 + " КиБ.", "file is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(file, 0, 0, "", "Файл не удалось прочитать.", "cannot read the file: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, 0, 0, "",
                    "Файл сохранён не в кодировке UTF-8: сохраните его заново в UTF-8 (в Блокноте: «Сохранить как» → "
                            + "«Кодировка: UTF-8»).", "the file is not UTF-8 text; save it as UTF-8");
        }
        return parse(file, text);
    }

    /** Parses feed YAML given as text; {@code file} is its name for messages and the identifier check. */
    public FeedDefinition parse(Path file, String text) throws InvalidFeedException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(20);
            options.setCodePointLimit(MAX_FILE_BYTES);
            root = new Yaml(new SafeConstructor(options)).compose(new java.io.StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
        } catch (MarkedYAMLException e) {
            YamlSyntaxAdvice.Advice advice = YamlSyntaxAdvice.advise(e, text);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw invalid(file, advice.line(), advice.column(), "", advice.russian(), "YAML syntax: " + problem);
        } catch (YAMLException e) {
            throw invalid(file, 0, 0, "", "Файл не читается как YAML.", "YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw invalid(file, root == null ? 0 : root.getStartMark().getLine() + 1, 1, "",
                    "Файл описания должен состоять из свойств вида «название: значение» (identifier, title, …), "
                            + "каждое с новой строки.",
                    "expected a mapping of feed properties (identifier, title, …)");
        }
        Reader reader = new Reader(file);
        FeedDefinition feed = reader.feed(new YamlMap(reader, mapping, ""));
        if (!reader.problems.isEmpty()) {
            // in file order, the way a department reads and fixes the file
            List<FeedProblem> sorted = new ArrayList<>(reader.problems);
            sorted.sort(java.util.Comparator.comparingInt(FeedProblem::line).thenComparingInt(FeedProblem::column));
            throw new InvalidFeedException(file, sorted);
        }
        return feed;
    }

    private static InvalidFeedException invalid(Path file, int line, int column, String field, String russian,
                                                String message) {
        return new InvalidFeedException(file, List.of(new FeedProblem(file, line, column, field, message, russian)));
    }

    /** Reads one file; collects problems instead of stopping at the first. */
    private final class Reader {
        private final Path file;
        private final List<FeedProblem> problems = new ArrayList<>();

        Reader(Path file) {
            this.file = file;
        }

        /** @param russian what the department reads first; {@code message} is the technical detail, for the log too */
        void problem(Node node, String field, String russian, String message) {
            Mark mark = node == null ? null : node.getStartMark();
            problems.add(new FeedProblem(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    field, message, russian));
        }

        /** The source kinds with what they are in Russian words: «sql (запрос к базе данных), …». */
        private String kindWords() {
            return rules.kinds().keySet().stream().map(k -> KIND_WORDS.containsKey(k) ? k + " (" + KIND_WORDS.get(k)
                    + ")" : k)
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        FeedDefinition feed(YamlMap root) {
            root.allow("identifier", "title", "description", "creator", "subject", "publisher", "frequency", "schedule",
                    "runAtStartup", "allowEmpty", "guards", "source", "structure", "geo", "formats", "publish", "mandates",
                    "reference");
            String identifier = identifier(root);
            String title = root.text("title", true);
            String description = root.text("description", true);
            String creator = root.text("creator", true);
            List<String> subject = root.texts("subject", true);
            Passport.Publisher publisher = publisher(root.map("publisher", true));
            Frequency frequency = root.choice("frequency", Frequency::fromWord, Frequency.words());
            String schedule = schedule(root);
            boolean runAtStartup = root.bool("runAtStartup", false);
            boolean allowEmpty = root.bool("allowEmpty", false);
            FeedDefinition.Source source = source(root.map("source", true));
            if (runAtStartup && SourceKinds.PUSH.equals(source.kind())) {
                problem(root.node("runAtStartup"), "runAtStartup",
                        "Набор, данные которого присылает информационная система (push), запускается при их "
                                + "получении: уберите runAtStartup.", "a push feed runs when its system pushes its "
                                + "data;"
                        + " there is nothing to run at start-up");
            }
            Structure structure = structure(root.map("structure", true), root.map("geo", false));
            List<String> formats = withGeoJson(root, formats(root), structure);
            Guards guards = guards(root.map("guards", false));
            // a missing subject is already a problem; the passport must still be constructible to collect the others
            return new FeedDefinition(new Passport(identifier, title, description, creator,
                    subject == null ? List.of() : subject, publisher), frequency,
                    schedule, runAtStartup, source, structure, formats, allowEmpty, guards, publish(root), file,
                    mandates(root), root.bool("reference", false));
        }

        /**
         * The mandated items the dataset fulfils, each {@code <list>/<number>}, checked against the catalogue
         * (docs/mandates.md): a typo would otherwise leave the item «не выполнен» with nobody told why.
         */
        private List<FeedDefinition.Mandate> mandates(YamlMap root) {
            List<String> references = root.texts("mandates", false);
            if (references == null) {
                return List.of();
            }
            MandateIndex index = rules.mandates().get();
            java.util.LinkedHashSet<FeedDefinition.Mandate> mandates = new java.util.LinkedHashSet<>();
            for (int i = 0; i < references.size(); i++) {
                Node at = root.item("mandates", i);
                String field = "mandates[" + i + "]";
                Matcher m = MANDATE.matcher(references.get(i));
                if (!m.matches()) {
                    problem(at, field, "«" + references.get(i) + "» — не пункт перечня: пишите код перечня, косую черту "
                            + "и номер пункта, например 1187-р/5.", "'" + references.get(i)
                            + "' is not <list>/<item number>, e.g. 1187-р/5");
                    continue;
                }
                FeedDefinition.Mandate mandate = new FeedDefinition.Mandate(m.group(1).strip(), Integer.parseInt(m.group(2)));
                java.util.SortedSet<Integer> items = index.lists().get(mandate.list());
                if (items == null && index.complete()) {
                    String known = index.lists().isEmpty() ? "никаких" : String.join(", ", index.lists().keySet());
                    // «1187-p» with a Latin p looks exactly like «1187-р»: say which letters differ
                    String lookalike = index.lists().keySet().stream()
                            .filter(id -> latin(id).equals(latin(mandate.list()))).findFirst()
                            .map(id -> " Код «" + id + "» пишется теми же буквами, но другой раскладки: наберите "
                                    + "буквы кода по-русски.").orElse("");
                    problem(at, field, "Перечня «" + mandate.list() + "» нет в каталоге обязательных перечней; есть: "
                            + known + "." + lookalike, "no mandated list '" + mandate.list() + "' in the catalogue; "
                            + "lists: " + (index.lists().isEmpty() ? "none" : String.join(", ", index.lists().keySet()))
                            + (lookalike.isEmpty() ? "" : "; a Latin letter stands for a Cyrillic one"));
                    continue;
                }
                if (items != null && !items.contains(mandate.number())) {
                    problem(at, field, "В перечне «" + mandate.list() + "» нет пункта " + mandate.number()
                            + "; пункты: " + ranges(items) + ".", "list '" + mandate.list() + "' has no item "
                            + mandate.number() + "; items: " + ranges(items));
                    continue;
                }
                if (!mandates.add(mandate)) {
                    problem(at, field, "Пункт " + mandate + " указан дважды: оставьте один.", mandate
                            + " is given twice");
                }
            }
            return List.copyOf(mandates);
        }

        /**
         * The delivery targets of the dataset. Absent: every configured target, because a department that registers
         * a dataset means it to reach the portals, and a forgotten line must not keep it off them silently;
         * {@code publish: []} keeps a dataset in the local section only.
         */
        private List<String> publish(YamlMap root) {
            List<String> names = root.texts("publish", false);
            if (names == null) {
                return List.copyOf(rules.targets());
            }
            for (int i = 0; i < names.size(); i++) {
                if (!rules.targets().contains(names.get(i))) {
                    problem(root.item("publish", i), "publish[" + i + "]", "Портал «" + names.get(i)
                            + "» не настроен; настроены: " + (rules.targets().isEmpty() ? "никакие" : String.join(", ",
                            rules.targets())) + ". Уберите его или попросите ИТ-отдел настроить.", "no target named '"
                            + names.get(i)
                            + "' is configured; configured: " + (rules.targets().isEmpty() ? "none"
                            : String.join(", ", rules.targets())) + " (opendata.targets in application.yml)");
                }
            }
            return names.stream().distinct().toList();
        }

        private Guards guards(YamlMap map) {
            if (map == null) {
                return Guards.DEFAULT;
            }
            map.allow("maxRejectedPercent", "maxRemovedPercent");
            return new Guards(map.percent("maxRejectedPercent", Guards.DEFAULT.maxRejectedPercent()),
                    map.percent("maxRemovedPercent", Guards.DEFAULT.maxRemovedPercent()));
        }

        private String identifier(YamlMap root) {
            String identifier = root.text("identifier", true);
            if (identifier == null) {
                return null;
            }
            if (!IDENTIFIER.matcher(identifier).matches()) {
                problem(root.node("identifier"), "identifier", "Идентификатор «" + identifier
                        + "» записан неверно: нужен ИНН из 10 цифр, дефис и код латинскими буквами, цифрами или "
                                + "подчёркиванием, например 7017069388-schools.", "'" + identifier
                        + "' is not <10-digit ИНН>-<code> (code: Latin letters, digits, underscore; e.g. 7017069388-schools)");
                return identifier;
            }
            String fileName = file.getFileName().toString();
            String stem = fileName.replaceFirst("\\.ya?ml$", "");
            if (!stem.equals(identifier)) {
                problem(root.node("identifier"), "identifier", "Идентификатор «" + identifier
                        + "» не совпадает с именем файла «" + fileName + "»: назовите файл " + identifier + ".yaml.",
                        "'" + identifier + "' does not match the file name '" + fileName
                        + "'; name the file " + identifier + ".yaml");
            }
            return identifier;
        }

        private Passport.Publisher publisher(YamlMap map) {
            if (map == null) {
                return new Passport.Publisher(null, null, null);
            }
            map.allow("name", "phone", "email");
            String email = map.text("email", true);
            if (email != null && !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                problem(map.node("email"), map.path("email"), "«" + email + "» — не адрес электронной почты.", "'"
                        + email + "' is not an e-mail address");
            }
            return new Passport.Publisher(map.text("name", true), map.text("phone", true), email);
        }

        private String schedule(YamlMap root) {
            String cron = root.text("schedule", true);
            if (cron != null) {
                try {
                    CronExpression.validateExpression(cron);
                } catch (java.text.ParseException e) {
                    problem(root.node("schedule"), "schedule", "«" + cron
                            + "» — не расписание в формате cron: нужны шесть или семь полей (секунды, минуты, часы, "
                                    + "день месяца, месяц, день недели, [год]), например \"0 0 3 * * ?\" — каждый "
                                    + "день в 3:00.", "'" + cron + "' is not a Quartz cron expression ("
                            + e.getMessage() + "); expected six or seven fields: seconds minutes hours day-of-month month "
                            + "day-of-week [year], e.g. \"0 0 3 * * ?\"");
                }
            }
            return cron;
        }

        private FeedDefinition.Source source(YamlMap map) {
            if (map == null) {
                return new FeedDefinition.Source(null, Map.of());
            }
            String kindName = map.text("kind", true);
            SourceKind kind = kindName == null ? null : rules.kind(kindName).orElse(null);
            if (kindName != null && kind == null) {
                problem(map.node("kind"), map.path("kind"), "Неизвестный вид источника «" + kindName
                        + "»; допустимые: " + kindWords() + ".", "unknown source kind '" + kindName
                        + "'; expected one of: "
                        + String.join(", ", rules.kinds().keySet()));
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Map.Entry<String, Node> entry : map.values.entrySet()) {
                String option = entry.getKey();
                if (option.equals("kind")) {
                    continue;
                }
                if (kind != null && kind.serviceParameters().contains(option)) {
                    problem(map.keys.get(option), map.path(option), "Параметр «" + option
                            + "» задаёт сама служба, в файле описания его указывать не нужно: уберите его.",
                            "is set by the service, not by a feed file");
                    continue;
                }
                if (kind != null && !kind.accepts(option)) {
                    problem(map.keys.get(option), map.path(option), "У источника вида «" + kindName
                            + "» нет параметра «" + option + "»; допустимые: " + String.join(", ", kind.names()) + ".",
                            "unknown option of a " + kindName + " source; expected: "
                            + String.join(", ", kind.names()));
                    continue;
                }
                String value = map.text(option, false);
                SourceOption declared = kind == null ? null : kind.option(option).orElseThrow();
                if (declared != null && declared.secret() && value != null && !PLACEHOLDER.matcher(value).find()) {
                    // a literal credential in a department's file ends up in version control and backups
                    problem(map.node(option), map.path(option), "Параметр «" + option
                            + "» секретный (пароль, ключ): не пишите его значение в файл, укажите ссылку на "
                                    + "переменную окружения вида ${ИМЯ}, которую задаст ИТ-отдел.", "is a secret: "
                                    + "write a ${ENV_NAME} placeholder, "
                            + "never the value itself");
                }
                if (value != null) {
                    String resolved = resolvePlaceholders(map, option, value);
                    // an unset ${ENV} is reported above: its empty value is no second mistake
                    if (declared != null && !declared.secret() && !resolved.isBlank()) {
                        checkValue(map, declared, resolved);
                    }
                    options.put(option, resolved);
                }
            }
            if (kind != null) {
                for (String required : kind.required()) {
                    if (!map.values.containsKey(required)) {
                        problem(map.node, map.path(required), "Не указан обязательный параметр источника «" + required
                                + "».", "required option of a " + kindName + " source is missing");
                    }
                }
                if (problems.isEmpty() && rules.checks().containsKey(kindName)) {
                    check(map, kind, options);
                }
                String datasource = options.get("datasource");
                if (datasource != null && !rules.datasources().contains(datasource)) {
                    problem(map.node("datasource"), map.path("datasource"), "Источник данных «" + datasource
                            + "» не настроен; настроены: "
                            + (rules.datasources().isEmpty() ? "никакие" : String.join(", ",
                            new TreeSet<>(rules.datasources()))) + ". Попросите ИТ-отдел подключить базу данных.",
                            "no datasource named '" + datasource
                            + "' is configured; configured: " + (rules.datasources().isEmpty() ? "none"
                            : String.join(", ", new TreeSet<>(rules.datasources()))) + " (opendata.datasources in application.yml)");
                }
            }
            return new FeedDefinition.Source(kindName, options);
        }

        /** The value's type and allowed values, as the kind's Kamelet declares them ({@code type}, {@code enum}). */
        private void checkValue(YamlMap map, SourceOption option, String value) {
            String wrong = switch (option.type()) {
                case "integer" -> value.strip().matches("[-+]?\\d+") ? null : "a whole number";
                case "number" -> value.strip().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?") ? null : "a number";
                case "boolean" -> value.strip().matches("true|false") ? null : "true or false";
                default -> null;
            };
            String wrongRu = switch (option.type()) {
                case "integer" -> "целым числом";
                case "number" -> "числом";
                default -> "true (да) или false (нет)";
            };
            if (wrong != null) {
                problem(map.node(option.name()), map.path(option.name()), "Параметр «" + option.name()
                        + "» должен быть " + wrongRu + ", а не «" + value + "».", "must be " + wrong + ", not '"
                        + value + "'");
            } else if (!option.allowed().isEmpty() && !option.allowed().contains(value)) {
                problem(map.node(option.name()), map.path(option.name()), "Параметр «" + option.name()
                        + "» принимает только значения " + String.join(", ", option.allowed()) + ", а не «" + value
                        + "».", "must be one of "
                        + String.join(", ", option.allowed()) + ", not '" + value + "'");
            }
        }

        /** The kind's own check of its options (payload format, HTTP paging…), located at the option it names. */
        private void check(YamlMap map, SourceKind kind, Map<String, String> options) {
            try {
                rules.checks().get(kind.name()).check(kind.withDefaults(options));
            } catch (IllegalArgumentException e) {
                Matcher named = Pattern.compile("^options? '([A-Za-z]+)'").matcher(String.valueOf(e.getMessage()));
                String option = named.find() ? named.group(1) : null;
                boolean given = option != null && map.values.containsKey(option);
                problem(given ? map.node(option) : map.node, given ? map.path(option) : map.prefix,
                        (option == null ? "Параметры источника не согласуются друг с другом." : "Недопустимое "
                                + "значение параметра источника «" + option + "»."), e.getMessage());
            }
        }

        private String resolvePlaceholders(YamlMap map, String option, String value) {
            Matcher m = PLACEHOLDER.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String resolved = rules.environment().apply(m.group(1));
                if (resolved == null) {
                    problem(map.node(option), map.path(option), "Переменная окружения " + m.group(1)
                            + " не задана: попросите ИТ-отдел задать её на сервере.", "environment variable "
                            + m.group(1) + " is not set");
                    resolved = "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(resolved));
            }
            m.appendTail(out);
            return out.toString();
        }

        private Structure structure(YamlMap map, YamlMap geoMap) {
            if (map == null) {
                return new Structure(List.of(), List.of(), null);
            }
            map.allow("key", "fields");
            List<Field> fields = new ArrayList<>();
            Set<String> names = new java.util.LinkedHashSet<>();
            List<YamlMap> fieldMaps = map.maps("fields", true);
            if (fieldMaps != null && fieldMaps.isEmpty()) {
                problem(map.node("fields"), map.path("fields"),
                        "В структуре нет ни одного поля: перечислите поля в fields.",
                        "a structure needs at least one field");
            }
            for (YamlMap f : fieldMaps == null ? List.<YamlMap>of() : fieldMaps) {
                Field field = field(f);
                if (field.name() != null && !names.add(field.name())) {
                    problem(f.node("name"), f.path("name"), "Поле «" + field.name()
                            + "» описано дважды: оставьте одно описание.", "field '" + field.name()
                            + "' is defined twice");
                }
                fields.add(field);
            }
            List<String> key = map.texts("key", true);
            for (int i = 0; key != null && i < key.size(); i++) {
                if (!names.contains(key.get(i))) {
                    problem(map.item("key", i), map.path("key") + "[" + i + "]", "Ключевое поле «" + key.get(i)
                            + "» не описано в структуре; поля: " + String.join(", ", names) + ".", "key field '"
                            + key.get(i)
                            + "' is not one of the structure's fields: " + String.join(", ", names));
                }
            }
            Structure.Geo geo = geo(geoMap, fields);
            if (geo != null) {
                // the standard (§8) wants the coordinate system named in the structure's descriptions
                fields = fields.stream().map(f -> f.name() != null && (f.name().equals(geo.latitude())
                        || f.name().equals(geo.longitude())) ? namingWgs84(f) : f).toList();
            }
            return new Structure(key == null ? List.of() : key, fields, geo);
        }

        private static Field namingWgs84(Field f) {
            return new Field(f.name(), f.source(), wgs84(f.en()), wgs84(f.ru()), f.type(), f.required(), f.parse(),
                    f.constraints(), f.expression(), f.keepControlCharacters());
        }

        private static String wgs84(String description) {
            if (description == null || description.contains("EPSG:4326")) {
                return description;
            }
            return description.contains("WGS 84") ? description.replaceFirst("WGS 84", "WGS 84, EPSG:4326")
                    : description + " (WGS 84, EPSG:4326)";
        }

        private Field field(YamlMap f) {
            f.allow("name", "source", "constant", "expression", "en", "ru", "type", "required", "parse", "pattern", "enum",
                    "min", "max", "maxLength", "keepControlCharacters");
            String name = f.text("name", true);
            if (name != null && !FIELD_NAME.matcher(name).matches()) {
                problem(f.node("name"), f.path("name"), "Имя поля «" + name
                        + "» недопустимо: используйте латинские буквы, цифры и подчёркивание, первой — букву "
                                + "(например school_name); русское название пишется в ru.", "'" + name
                        + "' is not a valid field name; use Latin letters, digits and underscore, starting with a letter");
            }
            FieldType type = f.choice("type", FieldType::fromWord, FieldType.words());
            String parse = f.text("parse", false);
            if (parse != null && type != null) {
                checkParsePattern(f, type, parse);
            }
            return new Field(name, f.text("source", false), f.text("en", true), f.text("ru", true), type,
                    f.bool("required", false), parse, constraints(f, type), mapping(f, type, parse),
                    keepControlCharacters(f, type));
        }

        /**
         * Per field, because usually one text of a source needs its control characters (a CR, a NEL) while the
         * others are better cleaned; only text can carry them.
         */
        private boolean keepControlCharacters(YamlMap f, FieldType type) {
            boolean keep = f.bool("keepControlCharacters", false);
            if (keep && type != null && type != FieldType.STRING) {
                problem(f.node("keepControlCharacters"), f.path("keepControlCharacters"),
                        "Сохранять управляющие символы можно только у текстового поля (string): уберите "
                                + "keepControlCharacters.", "only a string field can keep "
                        + "control characters; a " + type.word() + " field has none to keep");
                return false;
            }
            return keep;
        }

        /** {@code constant} or {@code expression}, each instead of reading one {@code source} column. */
        private String mapping(YamlMap f, FieldType type, String parse) {
            String constant = f.text("constant", false);
            String expression = f.text("expression", false);
            long given = java.util.stream.Stream.of(f.values.get("source"), f.values.get("constant"), f.values.get("expression"))
                    .filter(java.util.Objects::nonNull).count();
            if (given > 1) {
                problem(f.node, f.prefix, "Укажите у поля только одно из source, constant и expression.",
                        "give at most one of source, constant and expression");
                return null;
            }
            if (constant != null) {
                if (Expression.PLACEHOLDER.matcher(constant).find()) {
                    problem(f.node("constant"), f.path("constant"),
                            "В постоянном значении (constant) не бывает {подстановок}: для значения из столбцов "
                                    + "используйте expression.", "a constant has no {placeholders}; use expression");
                    return null;
                }
                if (type != null) {
                    try {
                        new ValueConverter(java.time.ZoneOffset.UTC).convert(
                                new Field("constant", null, "", "", type, false, parse), constant);
                    } catch (ru.gov.tomsk.opendata.dataset.RejectedValueException e) {
                        problem(f.node("constant"), f.path("constant"), "Постоянное значение «" + constant
                                + "» не подходит к типу поля.", "'" + constant + "' is " + e.reason());
                    }
                }
                return constant;
            }
            if (expression != null && !Expression.PLACEHOLDER.matcher(expression).find()) {
                problem(f.node("expression"), f.path("expression"),
                        "В выражении (expression) столбцы источника пишутся в фигурных скобках, например "
                                + "\"{postcode}, {city}\"; для постоянного значения используйте constant.",
                        "an expression names source columns as {column}, e.g. \"{postcode}, {city}\"; for a fixed value use constant");
            }
            return expression;
        }

        private Constraints constraints(YamlMap f, FieldType type) {
            Pattern pattern = null;
            String regex = f.text("pattern", false);
            if (regex != null) {
                try {
                    pattern = Pattern.compile(regex);
                } catch (java.util.regex.PatternSyntaxException e) {
                    problem(f.node("pattern"), f.path("pattern"),
                            "Шаблон (pattern) не является регулярным выражением.", "not a regular expression: "
                            + e.getDescription());
                }
            }
            List<String> allowed = allowedValues(f, type);
            String min = bound(f, "min", type);
            String max = bound(f, "max", type);
            Integer maxLength = null;
            String length = f.text("maxLength", false);
            if (length != null) {
                try {
                    maxLength = Integer.valueOf(length);
                    if (maxLength < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    problem(f.node("maxLength"), f.path("maxLength"),
                            "Наибольшая длина (maxLength) — целое число символов больше нуля.",
                            "expected a positive whole number of characters");
                }
            }
            return new Constraints(pattern, allowed, min, max, maxLength);
        }

        /** A bound in the canonical form of the field's values, so that the checker compares like with like. */
        private String bound(YamlMap f, String property, FieldType type) {
            String text = f.text(property, false);
            return text == null || type == null ? null
                    : canonical(text, type, f.node(property), f.path(property), "bound");
        }

        /**
         * Allowed values of a typed field in their canonical form: the checker compares canonical values,
         * and the structure files state them as values of the field's XML Schema and JSON type, where
         * text that is not such a value would break the schema itself.
         */
        private List<String> allowedValues(YamlMap f, FieldType type) {
            List<String> allowed = f.texts("enum", false);
            if (allowed == null || type == null || type == FieldType.STRING) {
                return allowed;
            }
            List<String> canonical = new ArrayList<>();
            for (int i = 0; i < allowed.size(); i++) {
                canonical.add(canonical(allowed.get(i), type, f.item("enum", i), f.path("enum") + "[" + i + "]", "value"));
            }
            return canonical.contains(null) ? List.of() : canonical;
        }

        private String canonical(String text, FieldType type, Node node, String path, String what) {
            try {
                return new ValueConverter(java.time.ZoneOffset.UTC).convert(new Field("value", null, "", "", type, false, null), text);
            } catch (ru.gov.tomsk.opendata.dataset.RejectedValueException e) {
                problem(node, path, "Значение «" + text + "» не подходит к типу поля " + type.word() + " ("
                        + type.russianWord() + ").", "'" + text + "' cannot be "
                        + (type == FieldType.INTEGER ? "an " : "a ") + type.word()
                        + " " + what + ": " + e.reason());
                return null;
            }
        }

        private void checkParsePattern(YamlMap f, FieldType type, String parse) {
            switch (type) {
                case DATE, DATETIME -> {
                    String example = type == FieldType.DATE ? "dd.MM.yyyy" : "dd.MM.yyyy HH:mm";
                    try {
                        DateTimeFormatter.ofPattern(parse);
                        String letters = parse.replaceAll("'[^']*'", "");
                        boolean hasDate = letters.contains("d") && letters.contains("M") && letters.matches(".*[yu].*");
                        boolean hasTime = letters.matches(".*[Hhkm].*");
                        if (!hasDate || (type == FieldType.DATE) == hasTime) {
                            problem(f.node("parse"), f.path("parse"), "Шаблон «" + parse + "» не описывает "
                                    + (type == FieldType.DATE ? "дату без времени" : "дату и время")
                                    + ": нужны день (dd), месяц (MM, заглавные) и год (yyyy)"
                                    + (type == FieldType.DATE ? "" : ", а также время (HH:mm; строчные mm — минуты)")
                                    + ", например " + example + ".", "'" + parse + "' does not describe a "
                                    + type.word()
                                    + ": it needs day (dd), month (MM, capital M) and year (yyyy)"
                                    + (type == FieldType.DATE ? " and no time" : " and a time (HH:mm; lowercase mm is minutes)")
                                    + ", e.g. " + example);
                        }
                    } catch (IllegalArgumentException e) {
                        problem(f.node("parse"), f.path("parse"), "«" + parse + "» — не шаблон даты; пример: "
                                + example + ".", "'" + parse + "' is not a date pattern (" + e.getMessage()
                                + "); e.g. " + example);
                    }
                }
                case NUMBER, DOUBLE, INTEGER -> {
                    if (!ValueConverter.DECIMAL_COMMA.equals(parse)) {
                        problem(f.node("parse"), f.path("parse"), "Для чисел допустим только шаблон parse: "
                                + ValueConverter.DECIMAL_COMMA + " (десятичная запятая).",
                                "numbers accept only parse: " + ValueConverter.DECIMAL_COMMA);
                    }
                }
                default -> problem(f.node("parse"), f.path("parse"), "У поля типа " + type.word()
                        + " шаблона разбора (parse) не бывает: уберите его.", "a " + type.word()
                        + " field takes no parse pattern");
            }
        }

        private Structure.Geo geo(YamlMap map, List<Field> fields) {
            if (map == null) {
                return null;
            }
            map.allow("latitude", "longitude", "bbox");
            Structure.BoundingBox bbox = bbox(map);
            String lat = map.text("latitude", true);
            String lon = map.text("longitude", true);
            for (String property : List.of("latitude", "longitude")) {
                String name = property.equals("latitude") ? lat : lon;
                if (name == null) {
                    continue;
                }
                Field field = fields.stream().filter(fl -> name.equals(fl.name())).findFirst().orElse(null);
                if (field == null) {
                    problem(map.node(property), map.path(property), "Поля «" + name + "» нет в структуре.", "'" + name
                            + "' is not one of the structure's fields");
                } else if (field.type() != FieldType.NUMBER && field.type() != FieldType.DOUBLE) {
                    problem(map.node(property), map.path(property), "Поле координат «" + name
                            + "» должно иметь тип number или double (градусы WGS 84).", "field '" + name
                            + "' must have type number or double (WGS 84 degrees)");
                }
            }
            return lat == null || lon == null ? null : new Structure.Geo(lat, lon, bbox);
        }

        /** {@code bbox: [minLatitude, minLongitude, maxLatitude, maxLongitude]} in WGS 84 degrees. */
        private Structure.BoundingBox bbox(YamlMap map) {
            List<String> corners = map.texts("bbox", false);
            if (corners == null) {
                return null;
            }
            String expected = "expected [minLatitude, minLongitude, maxLatitude, maxLongitude] in WGS 84 degrees, "
                    + "e.g. [55.6, 75.0, 61.1, 89.3] for the Tomsk region";
            try {
                if (corners.size() != 4) {
                    throw new NumberFormatException();
                }
                double[] c = corners.stream().mapToDouble(Double::parseDouble).toArray();
                if (c[0] >= c[2] || c[1] >= c[3] || c[0] < -90 || c[2] > 90 || c[1] < -180 || c[3] > 180) {
                    throw new NumberFormatException();
                }
                return new Structure.BoundingBox(c[0], c[1], c[2], c[3]);
            } catch (NumberFormatException e) {
                problem(map.node("bbox"), map.path("bbox"),
                        "Границы области (bbox) — четыре числа [мин. широта, мин. долгота, макс. широта, макс. "
                                + "долгота] в градусах, например [55.6, 75.0, 61.1, 89.3] для Томской области.",
                                expected);
                return null;
            }
        }

        private List<String> formats(YamlMap root) {
            List<String> formats = root.texts("formats", false);
            if (formats == null) {
                return List.of("csv");
            }
            for (int i = 0; i < formats.size(); i++) {
                if (!FORMATS.contains(formats.get(i))) {
                    problem(root.node("formats"), "formats[" + i + "]", "Неизвестный формат «" + formats.get(i)
                            + "»; допустимые: " + String.join(", ", new TreeSet<>(FORMATS)) + ".", "unknown format '"
                            + formats.get(i)
                            + "'; expected: " + String.join(", ", new TreeSet<>(FORMATS)));
                }
            }
            // CSV first: it is always published and its bytes are the content's fingerprint
            return concat("csv", formats.stream().filter(f -> !f.equals("csv")).distinct().toList());
        }

        /** GeoJSON is published for every location dataset and only for them. */
        private List<String> withGeoJson(YamlMap root, List<String> formats, Structure structure) {
            if (structure.geo() == null) {
                if (formats.contains("geojson")) {
                    problem(root.node("formats"), "formats",
                            "Формат geojson требует координат: добавьте geo: { latitude: …, longitude: … }.",
                            "geojson needs coordinates: add geo: { latitude: …, longitude: … }");
                }
                return formats;
            }
            return formats.contains("geojson") ? formats : concat(formats, "geojson");
        }
    }

    /** A YAML mapping with the position of every key and value. */
    private static final class YamlMap {
        final Reader reader;
        final MappingNode node;
        final String prefix;
        final Map<String, Node> values = new LinkedHashMap<>();
        final Map<String, Node> keys = new LinkedHashMap<>();

        YamlMap(Reader reader, MappingNode node, String prefix) {
            this.reader = reader;
            this.node = node;
            this.prefix = prefix;
            for (NodeTuple tuple : node.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    // compose() keeps both of a repeated key (only constructing objects would refuse it): the
                    // department must see which one counts, not have the later one win silently
                    Node first = keys.get(key.getValue());
                    if (first != null) {
                        reader.problem(key, path(key.getValue()), "Свойство «" + key.getValue()
                                + "» указано дважды (впервые — в строке " + (first.getStartMark().getLine() + 1)
                                + "): оставьте одно.", "is given twice (first on line "
                                + (first.getStartMark().getLine() + 1) + "); keep one");
                    }
                    values.put(key.getValue(), tuple.getValueNode());
                    keys.put(key.getValue(), key);
                } else {
                    reader.problem(tuple.getKeyNode(), prefix, "Название свойства должно быть простым текстом.",
                            "property names must be plain text");
                }
            }
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        Node node(String key) {
            Node value = values.get(key);
            return value != null ? value : node;
        }

        /** The i-th item of a list value, for pointing at exactly the item that is wrong. */
        Node item(String key, int i) {
            Node value = values.get(key);
            if (value instanceof SequenceNode sequence && i < sequence.getValue().size()) {
                return sequence.getValue().get(i);
            }
            return node(key);
        }

        void allow(String... allowed) {
            Set<String> known = Set.of(allowed);
            for (Map.Entry<String, Node> key : keys.entrySet()) {
                if (!known.contains(key.getKey())) {
                    String guess = Arrays.stream(allowed).filter(a -> editDistance(a, key.getKey()) <= 2).findFirst()
                            .map(a -> "did you mean '" + a + "'? Expected").orElse("expected");
                    reader.problem(key.getValue(), path(key.getKey()), "Неизвестное свойство «" + key.getKey() + "»"
                            + Arrays.stream(allowed).filter(a -> editDistance(a,
                            key.getKey()) <= 2).findFirst().map(a -> "; возможно, имелось в виду «" + a
                            + "»").orElse("") + ". Допустимые: " + String.join(", ", allowed) + ".",
                            "unknown property; " + guess + " one of: "
                            + String.join(", ", allowed));
                }
            }
        }

        private boolean isNull(Node value) {
            return value == null || Tag.NULL.equals(value.getTag());
        }

        String text(String key, boolean required) {
            Node value = values.get(key);
            if (isNull(value)) {
                if (required) {
                    reader.problem(value == null ? node : value, path(key), "Не указано обязательное свойство «" + key
                            + "».", "required property is missing");
                }
                return null;
            }
            if (!(value instanceof ScalarNode scalar)) {
                reader.problem(value, path(key), "Свойство «" + key + "» должно иметь одно значение, а не "
                        + russianKind(value) + ".", "expected a single value, not a " + kind(value));
                return null;
            }
            String text = scalar.getValue().strip();
            if (text.isEmpty() && required) {
                reader.problem(value, path(key), "Свойство «" + key + "» не может быть пустым.", "must not be empty");
                return null;
            }
            return text.isEmpty() ? null : text;
        }

        double percent(String key, double defaultValue) {
            String text = text(key, false);
            if (text == null) {
                return defaultValue;
            }
            try {
                double value = Double.parseDouble(text);
                if (value < 0 || value > 100) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                reader.problem(values.get(key), path(key), "Свойство «" + key + "» — процент от 0 до 100.",
                        "expected a percentage from 0 to 100");
                return defaultValue;
            }
        }

        boolean bool(String key, boolean defaultValue) {
            Node value = values.get(key);
            if (isNull(value)) {
                return defaultValue;
            }
            if (value instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
                return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
            }
            // the Russian words a department writes beside the English ones, as with frequency and type
            if (value instanceof ScalarNode scalar && scalar.getValue().matches("(?iu)да|нет")) {
                return scalar.getValue().equalsIgnoreCase("да");
            }
            reader.problem(value, path(key), "Свойство «" + key + "» принимает значения true (да) или false (нет).",
                    "expected true or false");
            return defaultValue;
        }

        <T> T choice(String key, java.util.function.Function<String, java.util.Optional<T>> lookup, String words) {
            String text = text(key, true);
            if (text == null) {
                return null;
            }
            return lookup.apply(text).orElseGet(() -> {
                reader.problem(values.get(key), path(key), "Недопустимое значение «" + text + "» свойства «" + key
                        + "»; допустимые: " + words + ".", "unknown value '" + text + "'; expected one of: " + words);
                return null;
            });
        }

        /** A list of texts; a single text is taken as a comma-separated list. */
        List<String> texts(String key, boolean required) {
            Node value = values.get(key);
            if (isNull(value)) {
                if (required) {
                    reader.problem(value == null ? node : value, path(key), "Не указано обязательное свойство «" + key
                            + "».", "required property is missing");
                }
                return null;
            }
            if (value instanceof ScalarNode scalar) {
                return Arrays.stream(scalar.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            }
            if (!(value instanceof SequenceNode sequence)) {
                reader.problem(value, path(key), "Свойство «" + key + "» должно быть списком, а не "
                        + russianKind(value) + ".", "expected a list, not a " + kind(value));
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
                    texts.add(s.getValue().strip());
                } else {
                    reader.problem(item, path(key) + "[" + i + "]", "Элемент списка «" + key
                            + "» должен быть непустым текстом.", "expected a non-empty text");
                }
            }
            if (texts.isEmpty() && required) {
                reader.problem(value, path(key), "В списке «" + key + "» нужно хотя бы одно значение.",
                        "must list at least one value");
            }
            return texts;
        }

        YamlMap map(String key, boolean required) {
            Node value = values.get(key);
            if (isNull(value)) {
                if (required) {
                    reader.problem(value == null ? node : value, path(key), "Не указано обязательное свойство «" + key
                            + "».", "required property is missing");
                }
                return null;
            }
            if (!(value instanceof MappingNode mapping)) {
                reader.problem(value, path(key), "Свойство «" + key
                        + "» должно содержать вложенные свойства (с отступом на следующих строках), а не "
                        + russianKind(value) + ".", "expected a mapping of properties, not a " + kind(value));
                return null;
            }
            return new YamlMap(reader, mapping, path(key));
        }

        List<YamlMap> maps(String key, boolean required) {
            Node value = values.get(key);
            if (isNull(value)) {
                if (required) {
                    reader.problem(value == null ? node : value, path(key), "Не указано обязательное свойство «" + key
                            + "».", "required property is missing");
                }
                return null;
            }
            if (!(value instanceof SequenceNode sequence)) {
                reader.problem(value, path(key), "Свойство «" + key + "» должно быть списком, а не "
                        + russianKind(value) + ".", "expected a list, not a " + kind(value));
                return null;
            }
            List<YamlMap> maps = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                if (item instanceof MappingNode m) {
                    maps.add(new YamlMap(reader, m, path(key) + "[" + i + "]"));
                } else {
                    reader.problem(item, path(key) + "[" + i + "]", "Каждый элемент списка «" + key
                            + "» должен содержать вложенные свойства, а не " + russianKind(item) + ".",
                            "expected a mapping of properties, not a " + kind(item));
                }
            }
            return maps;
        }

        private static String kind(Node node) {
            return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "single value";
        }

        private static String russianKind(Node node) {
            return node instanceof MappingNode ? "набор вложенных свойств" : node instanceof SequenceNode ? "список"
                    : "одно значение";
        }
    }

    /** Levenshtein distance, for suggesting the property a typo meant. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The text with the Cyrillic letters that look like Latin ones replaced by those, for telling typos apart. */
    private static String latin(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            int i = CYRILLIC_LOOKALIKES.indexOf(c);
            out.append(i < 0 ? c : LATIN_LOOKALIKES.charAt(i));
        }
        return out.toString();
    }

    /** Item numbers as a department reads them: 1–5, 7, 9–10. */
    private static String ranges(java.util.SortedSet<Integer> numbers) {
        List<Integer> sorted = new ArrayList<>(numbers);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            runs.add(i == j ? String.valueOf(sorted.get(i)) : sorted.get(i) + "–" + sorted.get(j));
            i = j + 1;
        }
        return String.join(", ", runs);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static List<String> concat(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }
}
