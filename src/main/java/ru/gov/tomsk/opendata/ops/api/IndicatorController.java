package ru.gov.tomsk.opendata.ops.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.gov.tomsk.opendata.programme.indicator.PublishedIndicator;

/** The programme's count indicator, for dashboards and the quarterly report's scripts. */
@RestController
@RequestMapping(AdminApi.BASE)
@Tag(name = IndicatorController.TAG, description = "The region's open-data programme: the count indicator")
class IndicatorController {

    static final String TAG = "Programme";

    private final PublishedIndicator indicator;

    IndicatorController(PublishedIndicator indicator) {
        this.indicator = indicator;
    }

    @GetMapping("/indicator")
    @Operation(summary = "The cumulative number of published datasets per quarter, with the programme's targets",
            description = "Computed from the catalogue's history: a dataset counts from the quarter (in the region's "
                    + "zone) of its first published data version, and in every quarter after it. The target of a "
                    + "year (opendata.programme.targets.<year>) is the count asked for at its end, shown on the "
                    + "fourth quarter.")
    @ApiResponse(responseCode = "200", description = "the indicator as of now")
    IndicatorView indicator() {
        return IndicatorView.of(indicator.now());
    }
}
