package ru.gov.tomsk.opendata.programme.mandates;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One mandated list of the catalogue ({@code config/mandates/<file>.yaml}, docs/mandates.md): the datasets a legal act
 * obliges the region to publish.
 *
 * @param id    how feeds name it ({@code 1187-р}); unique in the catalogue
 * @param title what it is, in Russian
 * @param act   the legal act that sets it
 * @param demo  the project's demonstration list: its wording is not the official text, and every page that shows it
 *              says so
 * @param items its items, by number
 * @param file  where it was read from, for messages
 */
public record MandateList(String id, String title, Act act, boolean demo, List<MandateItem> items, Path file) {

    public MandateList {
        items = List.copyOf(items);
    }

    /** The file's name, for the pages (templates may not call into {@link Path}). */
    public String fileName() {
        return file.getFileName().toString();
    }

    public Optional<MandateItem> item(int number) {
        return items.stream().filter(i -> i.number() == number).findFirst();
    }

    /**
     * The legal act.
     *
     * @param name   its name («Распоряжение Правительства Российской Федерации …»)
     * @param date   the date it was signed
     * @param number its number («1187-р»)
     */
    public record Act(String name, LocalDate date, String number) {

        /** «Распоряжение … от 10.06.2013 № 1187-р». */
        public String citation() {
            return name + (date == null ? "" : " от " + date.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")))
                    + (number == null ? "" : " № " + number);
        }
    }
}
