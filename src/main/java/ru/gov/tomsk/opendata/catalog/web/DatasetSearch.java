package ru.gov.tomsk.opendata.catalog.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Search of the section page with Russian word forms: an in-memory Lucene index of the published datasets'
 * titles, descriptions, owners, keywords and field descriptions, stemmed by the Snowball Russian stemmer, so
 * that «школа» finds «школы» and «музей» finds «Музеи». Case and ё/е do not matter.
 *
 * <p>Every word of a query must match (in any of the texts); a word matches by its stem, or as the start of a word
 * («бюдж» finds «бюджета»), which helps with words the stemmer does not know. Titles weigh most, then keywords,
 * then descriptions, then owners and field descriptions. The query never reaches a query parser: it is split into
 * words by the same analyzer as the texts, and the query is built from those words, so no character of it is syntax.
 *
 * <p>A regional registry holds hundreds of datasets, not millions: the index is rebuilt whole when the catalogue
 * changes ({@link DatasetSearchIndex}), and searching it is immutable and safe from any thread.
 */
final class DatasetSearch {

    /** Longer queries are refused with a Russian message: nobody types more, and it bounds a request's work. */
    static final int MAX_QUERY = 200;

    /** A word start shorter than this would match too much to be a useful search on its own. */
    static final int MIN_PREFIX = 3;

    private static final String ID = "id";
    private static final String EXACT = "exact";
    // the stemmed texts and their weights
    private static final Map<String, Float> WEIGHTS = Map.of("title", 4f, "subject", 3f, "description", 2f,
            "creator", 1f, "fields", 1f);
    private static final float PREFIX_WEIGHT = 0.5f;

    private static final Analyzer WORDS = new RussianWords(false);
    private static final Analyzer STEMS = new RussianWords(true);

    /**
     * One dataset as the search sees it.
     *
     * @param fields the descriptions of its fields (Russian and English), from its newest structure
     */
    record Entry(String identifier, String title, String description, String creator, List<String> subject,
                 List<String> fields) {

        Entry {
            subject = List.copyOf(subject);
            fields = List.copyOf(fields);
        }
    }

    private final IndexSearcher searcher;
    private final int size;

    private DatasetSearch(IndexSearcher searcher, int size) {
        this.searcher = searcher;
        this.size = size;
    }

    static DatasetSearch of(List<Entry> entries) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        Map<String, Analyzer> stemmed = new java.util.HashMap<>();
        WEIGHTS.keySet().forEach(field -> stemmed.put(field, STEMS));
        IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(WORDS, stemmed));
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (Entry entry : entries) {
                writer.addDocument(document(entry));
            }
            writer.commit();
            // nothing to close later: the index lives on the heap, and a reader replaced while a request still
            // searches it is simply collected afterwards
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            // the JVM-wide query cache would keep entries of replaced indexes; a search here takes microseconds anyway
            searcher.setQueryCache(null);
            return new DatasetSearch(searcher, entries.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory search index: " + e.getMessage(), e);
        }
    }

    private static Document document(Entry entry) {
        Document doc = new Document();
        doc.add(new StoredField(ID, entry.identifier()));
        doc.add(text("title", entry.title()));
        doc.add(text("description", entry.description()));
        doc.add(text("creator", entry.creator()));
        doc.add(text("subject", String.join("\n", entry.subject())));
        doc.add(text("fields", String.join("\n", entry.fields())));
        doc.add(text(EXACT, String.join("\n", nonNull(entry.title()), nonNull(entry.description()),
                nonNull(entry.creator()), String.join("\n", entry.subject()), String.join("\n", entry.fields()))));
        return doc;
    }

    private static Field text(String name, String value) {
        return new TextField(name, nonNull(value), Field.Store.NO);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /**
     * The words of a query as the search uses them: lower case, ё as е, punctuation dropped. Russian stop words
     * («и», «в», «по») stay here but are not searched for, since they do not tell datasets apart.
     */
    static List<String> words(String query) {
        return query == null ? List.of() : List.copyOf(new LinkedHashSet<>(analyze(WORDS, query)));
    }

    /** Whether the query has a word to search for; a query of punctuation or stop words only has none. */
    static boolean hasWords(String query) {
        return words(query).stream().anyMatch(word -> !analyze(STEMS, word).isEmpty());
    }

    /** Identifiers of the datasets that match every word of the query, best first; none for a query without words. */
    List<String> find(String query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        for (String word : words(query)) {
            List<String> stems = analyze(STEMS, word);
            if (stems.isEmpty()) {
                continue;
            }
            all.add(wordQuery(word, stems.get(0)), BooleanClause.Occur.MUST);
            any = true;
        }
        if (!any || size == 0) {
            return List.of();
        }
        try {
            List<String> found = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(all.build(), size).scoreDocs) {
                found.add(searcher.storedFields().document(hit.doc).get(ID));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the in-memory index: " + e.getMessage(), e);
        }
    }

    private static Query wordQuery(String word, String stem) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        WEIGHTS.forEach((field, weight) ->
                either.add(new BoostQuery(new TermQuery(new Term(field, stem)), weight), BooleanClause.Occur.SHOULD));
        if (word.length() >= MIN_PREFIX) {
            either.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(EXACT, word))), PREFIX_WEIGHT),
                    BooleanClause.Occur.SHOULD);
        }
        return either.build();
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // a StringReader does not fail
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /**
     * Words of Russian (and any other) text: Unicode word boundaries, lower case, ё folded into е; with
     * {@code stem}, Russian stop words dropped and the rest reduced to their Snowball stems.
     */
    private static final class RussianWords extends Analyzer {

        private static final NormalizeCharMap YO;

        static {
            NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
            map.add("ё", "е");
            map.add("Ё", "Е");
            YO = map.build();
        }

        private final boolean stem;

        RussianWords(boolean stem) {
            this.stem = stem;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(YO, reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            if (stem) {
                result = new StopFilter(result, RussianAnalyzer.getDefaultStopSet());
                result = new SnowballFilter(result, new RussianStemmer());
            }
            return new TokenStreamComponents(source, result);
        }
    }
}
