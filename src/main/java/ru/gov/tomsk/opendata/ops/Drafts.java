package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.camel.util.AntPathMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.catalog.AtomicFiles;
import ru.gov.tomsk.opendata.dataset.ColumnMatch;
import ru.gov.tomsk.opendata.dataset.StructureChange;
import ru.gov.tomsk.opendata.feed.FeedDefinition;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.feed.InvalidFeedException;

/**
 * Draft feed files that a department tries before it publishes them, and installs once they do what it wants: the
 * console's «Проверить набор до публикации» and the admin API's drafts. Trying writes nothing ({@link DryRuns});
 * installing writes {@code <feeds-dir>/<identifier>.yaml} atomically, which the live reload then picks up, and
 * for a {@code file} feed puts the sample into its drop directory, so that the next poll publishes it.
 */
@Component
public class Drafts {

    private static final Logger LOG = LoggerFactory.getLogger(Drafts.class);

    /**
     * What was installed.
     *
     * @param feedFile the feed file written
     * @param replaced whether it replaced an installed one
     * @param dropped  the sample's place in the drop directory, {@code null} when none was put there
     */
    public record Installed(String identifier, Path feedFile, boolean replaced, Path dropped) {
    }

    private final FeedFileValidator validator;
    private final FeedRegistry registry;
    private final DryRuns dryRuns;
    private final DraftOwners owners;

    public Drafts(FeedFileValidator validator, FeedRegistry registry, DryRuns dryRuns, DraftOwners owners) {
        this.validator = validator;
        this.registry = registry;
        this.dryRuns = dryRuns;
        this.owners = owners;
    }

    /**
     * The draft as the service would load it.
     *
     * @throws InvalidFeedException with every located problem when it would not load
     * @throws DraftRefusedException FORBIDDEN when {@code who} may not act for its organisation
     */
    public FeedDefinition parse(Authentication who, String yamlText) throws InvalidFeedException {
        FeedDefinition feed = validator.parse(null, yamlText);
        if (!owners.mayUse(who, feed.identifier())) {
            String inns = String.join(", ", owners.ownersOf(who));
            throw new DraftRefusedException(DraftRefusedException.Reason.FORBIDDEN, "Набор «" + feed.identifier()
                    + "» принадлежит другой организации: учётная запись «" + who.getName() + "» может проверять и "
                    + "устанавливать только наборы с ИНН " + (inns.isEmpty() ? "(не указан)" : inns) + " в начале "
                    + "идентификатора.", "account " + who.getName() + " may use the drafts of INN " + (inns.isEmpty()
                    ? "(none)" : inns) + " only, not feed " + feed.identifier());
        }
        return feed;
    }

    /** What the draft would publish now; nothing is written. */
    public DraftDryRun tryDraft(FeedDefinition feed, DraftSample sample, int rows) {
        DryRunResult result = dryRuns.dryRunDraft(feed, sample, rows);
        Optional<FeedDefinition> installed = registry.feed(feed.identifier());
        ColumnMatch columns = result.sourceColumns().isEmpty() ? null
                : ColumnMatch.of(feed.structure(), result.sourceColumns());
        StructureChange structure = installed.map(i -> StructureChange.between(i.structure(), feed.structure()))
                .orElse(null);
        return new DraftDryRun(feed.identifier(), feed.source().kind(), feed.passport(),
                feed.frequency() == null ? null : feed.frequency().russianWord(), feed.structure().fields(),
                feed.structure().key(), feed.formats(), sample == null ? null : sample.safeName("sample"),
                installed.isPresent() || registry.broken().containsKey(feed.identifier()), columns, structure, result);
    }

    /**
     * Installs the draft: its feed file, and for a {@code file} feed the sample in its drop directory.
     *
     * @throws DraftRefusedException CONFLICT when the drop already holds a file of the sample's name
     */
    public Installed install(FeedDefinition feed, String yamlText, DraftSample sample) {
        Path target = registry.directory().resolve(feed.identifier() + ".yaml");
        boolean replaced = Files.exists(target);
        Path dropped = null;
        try {
            if (sample != null && "file".equals(feed.source().kind())) {
                dropped = drop(feed, sample);
            }
            Files.createDirectories(registry.directory());
            AtomicFiles.writeIfChanged(target, yamlText.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install feed " + feed.identifier() + ": " + e.getMessage(), e);
        }
        LOG.info("Feed {} installed from a draft as {}{}", feed.identifier(), target,
                dropped == null ? "" : ", its sample dropped as " + dropped);
        return new Installed(feed.identifier(), target, replaced, dropped);
    }

    /** Written under a hidden temporary name, which no drop reads, then renamed: the poll never sees half a file. */
    private static Path drop(FeedDefinition feed, DraftSample sample) throws IOException {
        Path directory = Path.of(feed.source().options().get("directory"));
        Path target = directory.resolve(sample.safeName("sample." + feed.source().options().getOrDefault("format", "dat")));
        if (Files.exists(target)) {
            throw new DraftRefusedException(DraftRefusedException.Reason.CONFLICT, "В папке приёма уже лежит файл «"
                    + target.getFileName() + "», он ещё не обработан. Дождитесь его обработки или переименуйте образец.",
                    "the drop directory already holds " + target.getFileName() + ", not yet read");
        }
        String include = feed.source().options().getOrDefault("include", "*");
        AntPathMatcher ant = new AntPathMatcher();
        if (java.util.Arrays.stream(include.split(",")).noneMatch(p -> ant.match(p.strip(), target.getFileName().toString()))) {
            throw new DraftRefusedException(DraftRefusedException.Reason.BAD_REQUEST, "Файл образца «"
                    + target.getFileName() + "» не будет прочитан: в описании набора указано брать только файлы «"
                    + include + "» (source.include). Переименуйте файл или поправьте шаблон.", "the sample's name "
                    + target.getFileName() + " does not match the feed's include '" + include + "'");
        }
        Files.createDirectories(directory);
        Path temp = AtomicFiles.tempFor(target);
        Files.write(temp, sample.content());
        AtomicFiles.moveIntoPlace(temp, target);
        return target;
    }
}
