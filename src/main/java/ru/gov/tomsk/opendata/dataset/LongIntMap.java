package ru.gov.tomsk.opendata.dataset;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to non-negative int values, sized once. It exists because a
 * {@code HashMap<Long, Integer>} costs about 80 bytes a record, and the row diff holds a partition of
 * a 10-million-row dataset at a time inside a small heap.
 */
final class LongIntMap {

    private final long[] keys;
    private final int[] values;
    private final int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, -1);
        mask = capacity - 1;
    }

    /** Stores {@code value} unless the key is present; returns the present value, or -1 if it was stored. */
    int putIfAbsent(long key, int value) {
        int slot = slot(key);
        while (values[slot] >= 0) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        return -1;
    }

    /** The value of the key, or -1. */
    int get(long key) {
        int slot = slot(key);
        while (values[slot] >= 0) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(long key) {
        // the partition already used the top bits; mix the rest so that similar hashes spread
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
