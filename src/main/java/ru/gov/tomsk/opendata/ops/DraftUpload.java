package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * A draft as it is uploaded, by the console's form or to the admin API: part {@code feed}, the feed file (a file or
 * a plain form field, UTF-8), and optionally part {@code sample}, a data file. Every refusal names the part.
 *
 * @param yaml   the feed file's text
 * @param sample the data file, {@code null} when none was sent
 */
public record DraftUpload(String yaml, DraftSample sample) implements java.io.Serializable {

    public static final String FEED = "feed";
    public static final String SAMPLE = "sample";
    /** Also sent by the console's forms: its CSRF token and the rows to show. */
    private static final Set<String> FORM_FIELDS = Set.of("_csrf", "rows");

    public static DraftUpload read(MultipartHttpServletRequest request, DryRunProperties limits) {
        Set<String> unknown = new TreeSet<>(request.getFileMap().keySet());
        unknown.addAll(request.getParameterMap().keySet());
        unknown.removeAll(Set.of(FEED, SAMPLE));
        unknown.removeAll(FORM_FIELDS);
        if (!unknown.isEmpty()) {
            throw badRequest("Лишние части запроса: " + unknown + ". Нужны только «" + FEED + "» (описание набора) и, "
                    + "по желанию, «" + SAMPLE + "» (файл с данными).", "unknown part(s) " + unknown
                    + "; send part 'feed' (the feed file) and optionally part 'sample' (a data file)");
        }
        String yaml = feed(request);
        MultipartFile sample = request.getFile(SAMPLE);
        if (sample == null || sample.isEmpty() && (sample.getOriginalFilename() == null
                || sample.getOriginalFilename().isBlank())) {
            // a form whose file input was left empty sends an empty part without a name
            return new DraftUpload(yaml, null);
        }
        if (sample.getSize() > limits.maxSampleSize().toBytes()) {
            throw tooLarge("Файл с данными «" + sample.getOriginalFilename() + "» слишком большой: "
                    + sample.getSize() + " байт, можно не больше " + limits.maxSampleSize().toBytes() + ".",
                    "part 'sample' has " + sample.getSize() + " bytes; at most " + limits.maxSampleSize().toBytes()
                    + " (opendata.dry-run.max-sample-size)");
        }
        if (sample.isEmpty()) {
            throw badRequest("Файл с данными «" + sample.getOriginalFilename() + "» пустой.",
                    "part 'sample' (" + sample.getOriginalFilename() + ") is empty");
        }
        try {
            return new DraftUpload(yaml, new DraftSample(sample.getOriginalFilename(), sample.getBytes()));
        } catch (IOException e) {
            throw badRequest("Не удалось прочитать файл с данными.", "part 'sample' cannot be read: " + e.getMessage());
        }
    }

    private static String feed(MultipartHttpServletRequest request) {
        MultipartFile file = request.getFile(FEED);
        byte[] bytes;
        String field = request.getParameter(FEED);
        int max = FeedFileValidator.MAX_BYTES;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > max) {
                throw tooLargeFeed(file.getSize());
            }
            try (InputStream in = file.getInputStream()) {
                bytes = in.readNBytes(max + 1);
            } catch (IOException e) {
                throw badRequest("Не удалось прочитать описание набора.", "part 'feed' cannot be read: " + e.getMessage());
            }
        } else if (field != null && !field.isBlank()) {
            bytes = field.getBytes(StandardCharsets.UTF_8);
        } else {
            throw badRequest("Не приложено описание набора (файл YAML).", "part 'feed' is missing or empty; send the "
                    + "feed file (YAML) as part 'feed'");
        }
        if (bytes.length > max) {
            throw tooLargeFeed(bytes.length);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw badRequest("Описание набора должно быть сохранено в кодировке UTF-8. Сохраните файл заново, выбрав "
                    + "кодировку UTF-8.", "part 'feed' is not valid UTF-8 text");
        }
    }

    private static DraftRefusedException tooLargeFeed(long bytes) {
        return tooLarge("Описание набора слишком большое: " + bytes + " байт, можно не больше "
                + FeedFileValidator.MAX_BYTES + ".", "part 'feed' has " + bytes + " bytes; a feed file may have at most "
                + FeedFileValidator.MAX_BYTES);
    }

    private static DraftRefusedException badRequest(String russian, String detail) {
        return new DraftRefusedException(DraftRefusedException.Reason.BAD_REQUEST, russian, detail);
    }

    private static DraftRefusedException tooLarge(String russian, String detail) {
        return new DraftRefusedException(DraftRefusedException.Reason.TOO_LARGE, russian, detail);
    }
}
