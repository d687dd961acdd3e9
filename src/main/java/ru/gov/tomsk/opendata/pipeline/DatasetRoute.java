package ru.gov.tomsk.opendata.pipeline;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:dataset}, where every source route ends. Errors are not handled here but go back to
 * the calling source route, whose route configuration records the failed run once.
 */
public class DatasetRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:dataset";

    private final DatasetPipeline pipeline;

    public DatasetRoute(DatasetPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("dataset")
                .errorHandler(noErrorHandler())
                .process(pipeline::run);
    }
}
