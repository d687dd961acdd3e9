package ru.gov.tomsk.opendata.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-exact comparison with golden files in {@code src/test/resources/golden/}. Real consumers parse
 * the published files by position, so "looks the same" is not enough.
 * Run with {@code -Dgolden.update=true} to rewrite the goldens, then review the diff before committing.
 */
public final class Golden {

    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(Path actual, String goldenName) {
        try {
            assertMatches(Files.readAllBytes(actual), actual.toString(), goldenName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #assertMatches(Path, String)}, for bytes that are not a file, e.g. an HTTP response body. */
    public static void assertMatches(byte[] bytes, String actual, String goldenName) {
        try {
            Path golden = DIR.resolve(goldenName);
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.write(golden, bytes);
            }
            assertThat(golden).as("golden file %s", golden).exists();
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            // compare text first for a readable diff, then bytes for what text comparison hides
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as("%s against %s", actual, golden).isEqualTo(expected);
            assertThat(bytes).as("bytes of %s against %s", actual, golden).isEqualTo(Files.readAllBytes(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
