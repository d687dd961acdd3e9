package ru.gov.tomsk.opendata.dataset;

/** Russian noun forms after a number: 1 запись, 2 записи, 5 записей, 11 записей, 21 запись. */
public final class RussianPlural {

    private RussianPlural() {
    }

    public static String records(long n) {
        return form(n, "запись", "записи", "записей");
    }

    public static String form(long n, String one, String few, String many) {
        long mod100 = Math.abs(n) % 100;
        long mod10 = Math.abs(n) % 10;
        if (mod100 >= 11 && mod100 <= 14) {
            return many;
        }
        return mod10 == 1 ? one : mod10 >= 2 && mod10 <= 4 ? few : many;
    }
}
