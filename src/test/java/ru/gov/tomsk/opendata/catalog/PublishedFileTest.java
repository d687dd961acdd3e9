package ru.gov.tomsk.opendata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The names the catalogue writes, and the look-alikes it never writes. */
class PublishedFileTest {

    @Test
    void readsEveryKindOfName() {
        assertThat(PublishedFile.parse("list.xml")).contains(
                new PublishedFile(PublishedFile.Kind.REGISTRY, null, null, null, "xml"));
        assertThat(PublishedFile.parse("7017069388-schools/meta.csv")).contains(
                new PublishedFile(PublishedFile.Kind.PASSPORT, "7017069388-schools", null, null, "csv"));
        assertThat(PublishedFile.parse("7017069388-schools/data-20260320T0900-structure-20260101T0300.geojson")).contains(
                new PublishedFile(PublishedFile.Kind.DATA, "7017069388-schools", "20260320T0900", "20260101T0300", "geojson"));
        assertThat(PublishedFile.parse("7017069388-schools/structure-20260101T0300.xsd")).contains(
                new PublishedFile(PublishedFile.Kind.STRUCTURE, "7017069388-schools", null, "20260101T0300", "xsd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "list.html", "list.csv~", ".list.csv", "LIST.csv", "meta.csv", "evil.html",
            "7017069388-schools/list.csv", "7017069388-schools/meta.html", "7017069388-schools/meta.csv~",
            "7017069388-schools/.meta.csv.tmp-1", "7017069388-schools/.held-3.csv", "7017069388-schools/notes.txt",
            "7017069388-schools/data-20260320T0900-structure-20260101T0300.html",
            "7017069388-schools/data-20260320T0900-structure-20260101T0300.xsd",
            "7017069388-schools/data-20260320T0900.csv", "7017069388-schools/data-2026032T0900-structure-20260101T0300.csv",
            "7017069388-schools/structure-20260101T0300.xml", "7017069388-schools/structure-20260101T0300.csv.bak",
            "7017069388-schools/", "7017069388-schools/sub/meta.csv", "701706938-schools/meta.csv",
            "7017069388-sch.ools/meta.csv", "../list.csv", "7017069388-schools/../list.csv"})
    void refusesEverythingElse(String path) {
        assertThat(PublishedFile.parse(path)).as(path).isEmpty();
    }
}
