package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.dataset.Passport;

class DatasetSearchTest {

    static final Passport SCHOOLS = new Passport("7017069388-schools", "Общеобразовательные организации Томской области",
            "Адреса, контакты и координаты школ", "Департамент общего образования", List.of("образование", "школы"),
            new Passport.Publisher("Иванова", "+7", "a@example.ru"));
    static final Passport TREES = new Passport("7017000000-trees", "Ёлочные базары", "Места продажи ёлок",
            "Администрация", List.of("Новый год"), new Passport.Publisher("Петров", "+7", "b@example.ru"));

    @Test
    void everyWordMustOccurInTitleDescriptionOrKeywords() {
        assertThat(DatasetSearch.of("школ томской").matches(SCHOOLS)).isTrue();
        assertThat(DatasetSearch.of("образование координаты").matches(SCHOOLS)).isTrue();
        assertThat(DatasetSearch.of("школ больниц").matches(SCHOOLS)).isFalse();
    }

    @Test
    void caseAndYoDoNotMatter() {
        assertThat(DatasetSearch.of("ЕЛОК").matches(TREES)).isTrue();
        assertThat(DatasetSearch.of("ёлочные").matches(TREES)).isTrue();
        assertThat(DatasetSearch.of("новый ГОД").matches(TREES)).isTrue();
    }

    @Test
    void punctuationSeparatesWordsAndABlankQueryHasNone() {
        assertThat(DatasetSearch.of("«школы», образование!").matches(SCHOOLS)).isTrue();
        assertThat(DatasetSearch.of("  , ; ").isEmpty()).isTrue();
        assertThat(DatasetSearch.of(null).isEmpty()).isTrue();
    }
}
