package ru.gov.tomsk.opendata.ops;

import java.util.regex.Pattern;

/**
 * A data file posted beside a draft feed file: what a file drop would hold, or what a push would send.
 *
 * @param fileName as it was uploaded, without folders; only for showing it and naming the dropped file
 * @param content  its bytes, as they are (the run's readers tell the encoding and format)
 */
public record DraftSample(String fileName, byte[] content) implements java.io.Serializable {

    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]");

    public DraftSample {
        content = content == null ? new byte[0] : content;
    }

    /**
     * A name that is safe in any directory and that no drop pattern treats specially: letters, digits, {@code . _ -},
     * never a leading dot (such files are never read). {@code fallback} when nothing is left.
     */
    public String safeName(String fallback) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = UNSAFE.matcher(name).replaceAll("_").replaceFirst("^[._]+", "");
        return name.isEmpty() ? fallback : name;
    }
}
