package ru.gov.tomsk.opendata.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys of one version's records with a hash of each record, spilled to disk in hash partitions.
 *
 * <p>Why on disk: checking that keys are unique and diffing two versions by key needs every key, and
 * 10 million keys do not fit a small heap. Records are appended to one of {@value #PARTITIONS} files by
 * the hash of their key while the pipeline streams; afterwards each partition (a 64th of the keys) is
 * small enough to compare in memory.
 */
public final class RowIndex implements AutoCloseable {

    public static final int PARTITIONS = 64;

    private final Path dir;
    private final DataOutputStream[] outs = new DataOutputStream[PARTITIONS];
    private final List<String> keyFields;
    private final int[] keyPositions;
    private boolean sealed;

    /**
     * One partition in primitive arrays (no object per record): entry {@code i} has key hash
     * {@code keyHashes[i]}, record hash {@code rowHashes[i]} and 1-based source row {@code rows[i]}.
     */
    public record Partition(int size, long[] keyHashes, long[] rowHashes, long[] rows) {
    }

    public RowIndex(Path dir, Structure structure) {
        this(dir, structure.key(), structure.fieldNames());
    }

    /** For records laid out as {@code columns} (e.g. the header of a published CSV file). */
    public RowIndex(Path dir, List<String> keyFields, List<String> columns) {
        this.dir = dir;
        this.keyFields = List.copyOf(keyFields);
        this.keyPositions = keyFields.stream().mapToInt(columns::indexOf).toArray();
        for (int i = 0; i < keyPositions.length; i++) {
            if (keyPositions[i] < 0) {
                throw new IllegalArgumentException("key field '" + keyFields.get(i) + "' is not among the columns " + columns);
            }
        }
        try {
            Files.createDirectories(dir);
            for (int p = 0; p < PARTITIONS; p++) {
                outs[p] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partition(p)), 16 * 1024));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the row index in " + dir, e);
        }
    }

    /** Indexes a published record (canonical values in structure order). */
    public void add(String[] values, long row) {
        String key = key(values);
        long keyHash = Hashes.fnv1a64(key);
        try {
            DataOutputStream out = outs[partitionOf(keyHash)];
            out.writeLong(keyHash);
            out.writeLong(Hashes.row(values));
            out.writeLong(row);
            out.writeUTF(key.length() > 2000 ? key.substring(0, 2000) : key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the row index in " + dir, e);
        }
    }

    /** The key text of a record, as people read it in reports: {@code id=5} or {@code year=2026, code=A}. */
    public String key(String[] values) {
        if (keyPositions.length == 1) {
            return keyFields.get(0) + "=" + values[keyPositions[0]];
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keyPositions.length; i++) {
            if (i > 0) {
                key.append(", ");
            }
            key.append(keyFields.get(i)).append('=').append(values[keyPositions[i]]);
        }
        return key.toString();
    }

    /** Ends writing; the partitions become readable. */
    public RowIndex seal() {
        if (!sealed) {
            sealed = true;
            for (DataOutputStream out : outs) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return this;
    }

    static int partitionOf(long keyHash) {
        return (int) (keyHash >>> 58);
    }

    /** One partition's hashes and rows, in the order they were added; key texts are skipped. */
    public Partition read(int partition) {
        seal();
        int size = 0;
        long[] keyHashes = new long[1024];
        long[] rowHashes = new long[1024];
        long[] rows = new long[1024];
        try (DataInputStream in = open(partition)) {
            while (true) {
                long keyHash;
                try {
                    keyHash = in.readLong();
                } catch (EOFException end) {
                    return new Partition(size, keyHashes, rowHashes, rows);
                }
                if (size == keyHashes.length) {
                    keyHashes = Arrays.copyOf(keyHashes, size * 2);
                    rowHashes = Arrays.copyOf(rowHashes, size * 2);
                    rows = Arrays.copyOf(rows, size * 2);
                }
                keyHashes[size] = keyHash;
                rowHashes[size] = in.readLong();
                rows[size] = in.readLong();
                in.skipBytes(in.readUnsignedShort());
                size++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the row index in " + dir, e);
        }
    }

    /** The key texts of a partition, in the order they were added: only read to report duplicates. */
    public List<String> keys(int partition) {
        seal();
        List<String> keys = new ArrayList<>();
        try (DataInputStream in = open(partition)) {
            while (true) {
                try {
                    in.readLong();
                } catch (EOFException end) {
                    return keys;
                }
                in.readLong();
                in.readLong();
                keys.add(in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the row index in " + dir, e);
        }
    }

    private DataInputStream open(int partition) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(partition(partition)), 64 * 1024));
    }

    private Path partition(int p) {
        return dir.resolve("p" + p);
    }

    @Override
    public void close() {
        for (DataOutputStream out : outs) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // being deleted anyway
                }
            }
        }
        try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the row index in " + dir, e);
        }
    }
}
