package ru.gov.tomsk.opendata.ops.dryrun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Draft feed files for the tests of trying and installing drafts: the drops feed with the source under test. */
public final class DraftFiles {

    public static final String FEED = "7017069388-drops";

    private DraftFiles() {
    }

    /** The e2e drops feed, its {@code source:} block replaced by {@code source} (indented YAML lines). */
    public static String draft(String source) {
        return draft(FEED, source);
    }

    /** As {@link #draft(String)}, with another identifier. */
    public static String draft(String identifier, String source) {
        try (InputStream in = DraftFiles.class.getResourceAsStream("/e2e/" + FEED + ".yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(FEED, identifier);
            int from = text.indexOf("source:\n");
            int to = text.indexOf("structure:\n");
            return text.substring(0, from) + "source:\n" + source + text.substring(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Authentication operator() {
        return new UsernamePasswordAuthenticationToken("operator", null,
                List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
    }

    /** The dry runs' temporary sample directories left in the system's temporary folder. */
    public static List<Path> sampleDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("opendata-sample-")).toList();
        }
    }
}
