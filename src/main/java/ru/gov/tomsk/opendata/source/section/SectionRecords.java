package ru.gov.tomsk.opendata.source.section;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The step of the {@code section-source} Kamelet that reads a section dataset: the exchange body becomes the rows of
 * the {@link SectionDataset} the feed names, for {@code direct:dataset}.
 */
@Component(SectionRecords.BEAN)
public class SectionRecords {

    /** Name the Kamelet refers to. */
    public static final String BEAN = "sectionRecords";

    private final Map<String, SectionDataset> datasets;

    public SectionRecords(ObjectProvider<SectionDataset> datasets) {
        this.datasets = datasets.orderedStream().collect(Collectors.toMap(SectionDataset::name, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two section datasets are named " + a.name());
                }, TreeMap::new));
    }

    public void open(Exchange exchange, @Variable("dataset") String dataset) {
        SectionDataset source = datasets.get(dataset);
        if (source == null) {
            throw new IllegalStateException("this service has no section dataset '" + dataset + "' (it has: "
                    + String.join(", ", datasets.keySet()) + ")");
        }
        exchange.getIn().setBody(source.rows());
    }
}
