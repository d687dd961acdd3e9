package ru.gov.tomsk.opendata.programme.mandates;

import ru.gov.tomsk.opendata.dataset.Frequency;

/**
 * One item of a mandated list: a dataset the act requires.
 *
 * @param number      its number in the list, from 1; a feed names it as {@code <list>/<number>}
 * @param wording     the act's wording of the dataset (the region enters the official text)
 * @param coordinates whether the act requires the dataset to carry coordinates (order 232-р)
 * @param frequency   how often it must be refreshed
 * @param reference   a reference book or classifier ({@code kind: reference})
 * @param owner       ИНН of the department that must publish it, or null when the list does not say
 */
public record MandateItem(int number, String wording, boolean coordinates, Frequency frequency, boolean reference,
                          String owner) {
}
