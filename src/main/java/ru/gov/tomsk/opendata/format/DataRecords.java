package ru.gov.tomsk.opendata.format;

import ru.gov.tomsk.opendata.dataset.Structure;

/** Checks shared by the data writers. */
final class DataRecords {

    private DataRecords() {
    }

    /**
     * A record of the wrong width would silently shift values into the wrong keys or elements, which
     * positional CSV consumers and the XSD would not necessarily notice, so it fails loudly instead.
     */
    static void checkWidth(String[] values, int fields) {
        if (values.length != fields) {
            throw new IllegalArgumentException("a record has " + values.length + " values but the structure has "
                    + fields + " fields");
        }
    }

    static int fieldIndex(Structure structure, String name, String role) {
        int index = structure.fieldNames().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the " + role + " field '" + name + "' is not one of the structure's fields "
                    + structure.fieldNames());
        }
        return index;
    }
}
