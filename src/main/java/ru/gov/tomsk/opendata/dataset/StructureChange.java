package ru.gov.tomsk.opendata.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a new structure changes against the installed one: what a re-publication would change for the data's users.
 *
 * @param added     fields that are new, in the new order
 * @param removed   fields that are gone
 * @param retyped   fields whose type changed, as {@code name: old → new}
 * @param keyBefore the key fields before, {@code keyAfter} after (equal when the key stays)
 */
public record StructureChange(List<String> added, List<String> removed, List<String> retyped, List<String> keyBefore,
                              List<String> keyAfter) {

    public StructureChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        retyped = List.copyOf(retyped);
        keyBefore = List.copyOf(keyBefore);
        keyAfter = List.copyOf(keyAfter);
    }

    public boolean keyChanged() {
        return !keyBefore.equals(keyAfter);
    }

    public boolean none() {
        return added.isEmpty() && removed.isEmpty() && retyped.isEmpty() && !keyChanged();
    }

    public static StructureChange between(Structure before, Structure after) {
        List<String> added = new ArrayList<>();
        List<String> retyped = new ArrayList<>();
        for (Field field : after.fields()) {
            int old = before.indexOf(field.name());
            if (old < 0) {
                added.add(field.name());
            } else if (!Objects.equals(before.fields().get(old).type(), field.type())) {
                retyped.add(field.name() + ": " + name(before.fields().get(old).type()) + " → " + name(field.type()));
            }
        }
        List<String> removed = before.fieldNames().stream().filter(name -> after.indexOf(name) < 0).toList();
        return new StructureChange(added, removed, retyped, before.key(), after.key());
    }

    private static String name(FieldType type) {
        return type == null ? "?" : type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
