package ru.gov.tomsk.opendata.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search's Russian word forms, ranking and hostile queries, on the demo's own passport texts. */
class DatasetSearchTest {

    static final DatasetSearch.Entry SCHOOLS = new DatasetSearch.Entry("7017069388-schools",
            "Общеобразовательные организации Томской области",
            "Адреса, контакты, руководители и координаты общеобразовательных организаций региона",
            "Департамент общего образования Томской области", List.of("образование", "школы", "общеобразовательные организации"),
            List.of("Identifier", "Идентификатор", "Director", "Руководитель"));
    static final DatasetSearch.Entry CULTURE = new DatasetSearch.Entry("7017004620-culture",
            "Учреждения культуры Томской области", "Музеи, театры, библиотеки и дома культуры региона с адресами и координатами",
            "Департамент по культуре Томской области", List.of("культура", "музеи", "театры", "библиотеки"),
            List.of("Opening hours", "Часы работы"));
    static final DatasetSearch.Entry MUSEUMS = new DatasetSearch.Entry("7017004620-museums", "Музеи Томской области",
            "Адреса и часы работы", "Департамент по культуре Томской области", List.of("музеи"), List.of());
    static final DatasetSearch.Entry TREES = new DatasetSearch.Entry("7017000000-trees", "Ёлочные базары",
            "Места продажи ёлок", "Администрация", List.of("Новый год"), List.of());

    static final DatasetSearch SEARCH = DatasetSearch.of(List.of(SCHOOLS, CULTURE, MUSEUMS, TREES));

    @Test
    void aWordFindsItsOtherForms() {
        // the title says «организации», the keyword «школы»
        assertThat(SEARCH.find("школа")).containsExactly(SCHOOLS.identifier());
        assertThat(SEARCH.find("школ")).containsExactly(SCHOOLS.identifier());
        assertThat(SEARCH.find("организация")).containsExactly(SCHOOLS.identifier());
        assertThat(SEARCH.find("библиотека")).containsExactly(CULTURE.identifier());
        assertThat(SEARCH.find("театров")).containsExactly(CULTURE.identifier());
    }

    @Test
    void theTitleWeighsMostSoTheDatasetNamedForTheWordComesFirst() {
        assertThat(SEARCH.find("музей")).containsExactly(MUSEUMS.identifier(), CULTURE.identifier());
    }

    @Test
    void ownersAndFieldDescriptionsAreSearchedToo() {
        assertThat(SEARCH.find("руководитель")).containsExactly(SCHOOLS.identifier());
        assertThat(SEARCH.find("департамент культуры")).containsExactlyInAnyOrder(CULTURE.identifier(), MUSEUMS.identifier());
        assertThat(SEARCH.find("opening hours")).containsExactly(CULTURE.identifier());
    }

    @Test
    void unrelatedWordsFindNothing() {
        assertThat(SEARCH.find("больница")).isEmpty();
        assertThat(SEARCH.find("музыка")).isEmpty();
        assertThat(SEARCH.find("школьник")).isEmpty();
        assertThat(SEARCH.find("космодром")).isEmpty();
    }

    @Test
    void everyWordMustMatch() {
        assertThat(SEARCH.find("музеи томской")).containsExactly(MUSEUMS.identifier(), CULTURE.identifier());
        assertThat(SEARCH.find("школа музей")).isEmpty();
    }

    @Test
    void caseAndYoDoNotMatter() {
        assertThat(SEARCH.find("ЕЛОК")).containsExactly(TREES.identifier());
        assertThat(SEARCH.find("ёлочные")).containsExactly(TREES.identifier());
        assertThat(SEARCH.find("новый ГОД")).containsExactly(TREES.identifier());
        assertThat(SEARCH.find("ШКОЛА")).containsExactly(SCHOOLS.identifier());
    }

    @Test
    void punctuationSeparatesWordsAndStopWordsAreNotSearched() {
        assertThat(SEARCH.find("«школы», образование!")).containsExactly(SCHOOLS.identifier());
        assertThat(SEARCH.find("музеи и театры")).containsExactly(CULTURE.identifier());
        assertThat(DatasetSearch.hasWords("  , ; ")).isFalse();
        assertThat(DatasetSearch.hasWords("и в по")).isFalse();
        assertThat(DatasetSearch.hasWords(null)).isFalse();
        assertThat(DatasetSearch.hasWords("музей")).isTrue();
    }

    /** Characters of Lucene's query syntax are plain punctuation here; "and" and "2" are words that match nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"*", "\"", "AND(", "школа AND(", "~школа^2", "\\", "?", "+-&&||!(){}[]^\"~*?:\\/",
            "<script>", "'; DROP TABLE dataset; --", "school*"})
    void querySyntaxIsNeverInterpreted(String query) {
        assertThat(SEARCH.find(query)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"школ*", "\"школы", "(школа)", "+школа", "-школа", "школа~"})
    void querySyntaxAroundAWordLeavesTheWord(String query) {
        assertThat(SEARCH.find(query)).containsExactly(SCHOOLS.identifier());
    }

    @Test
    void theLongestQueryOfDistinctWordsStaysWithinLucenesClauseLimit() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; query.length() + 5 <= DatasetSearch.MAX_QUERY; i++) {
            query.append(String.format("ш%03d ", i));
        }
        assertThat(DatasetSearch.words(query.toString())).hasSizeGreaterThan(35);
        assertThat(SEARCH.find(query.toString())).isEmpty();
    }

    @Test
    void anEmptyIndexFindsNothing() {
        assertThat(DatasetSearch.of(List.of()).find("школа")).isEmpty();
    }
}
