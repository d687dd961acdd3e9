package ru.gov.tomsk.opendata.programme.indicator;

import static ru.gov.tomsk.opendata.catalog.CatalogRepository.instant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * Computes the published-datasets indicator from the catalogue's history in the state database, so that a past
 * quarter always shows the same figures (docs/programme.md, «The count indicator»).
 *
 * <p>The rule: a dataset counts from the quarter of its first published data version (the earliest
 * {@code data_version.created_at}, cut into quarters in the region's zone {@code opendata.time-zone}) and for every
 * quarter after it. The catalogue keeps every version, also of a dataset whose feed file was removed later, so a
 * dataset taken out of service still counts: it was published in those quarters, and the indicator is cumulative.
 * Versions a guard held back are not data versions until an operator approves them, and count from then.
 */
@Component
public class PublishedIndicator {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<Integer, Integer> targets;

    @org.springframework.beans.factory.annotation.Autowired
    public PublishedIndicator(JdbcClient jdbc, Clock clock, OpendataProperties opendata, ProgrammeProperties programme) {
        this(jdbc, clock, opendata.timeZone(), programme.targets());
    }

    PublishedIndicator(JdbcClient jdbc, Clock clock, ZoneId zone, Map<Integer, Integer> targets) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
        this.targets = new TreeMap<>(targets);
    }

    /** The indicator as of now. */
    public Indicator now() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        // first publication of each dataset, as the quarter it falls in (year * 4 + quarter - 1)
        TreeMap<Integer, Long> firsts = new TreeMap<>();
        long total = 0;
        for (Instant first : jdbc.sql("SELECT MIN(created_at) AS first_at FROM data_version GROUP BY identifier")
                .query((rs, n) -> instant(rs, "first_at")).list()) {
            if (first.isAfter(now)) {
                continue; // a clock set back (tests, a restored database): the future is not counted yet
            }
            firsts.merge(index(first.atZone(zone).toLocalDate()), 1L, Long::sum);
            total++;
        }
        int current = index(today);
        int from = current;
        if (!firsts.isEmpty()) {
            from = Math.min(from, firsts.firstKey());
        }
        for (int year : targets.keySet()) {
            if (year <= today.getYear()) {
                from = Math.min(from, year * 4);
            }
        }
        List<QuarterCount> quarters = new ArrayList<>();
        long cumulative = 0;
        for (int q = from; q <= current; q++) {
            long published = firsts.getOrDefault(q, 0L);
            cumulative += published;
            int year = q / 4;
            int quarter = q % 4 + 1;
            quarters.add(new QuarterCount(year, quarter, published, cumulative, quarter == 4 ? targets.get(year) : null,
                    q < current));
        }
        List<YearTarget> years = new ArrayList<>();
        for (Map.Entry<Integer, Integer> t : targets.entrySet()) {
            int year = t.getKey();
            Long reached = null;
            if (year <= today.getYear()) {
                int end = Math.min(year * 4 + 3, current);
                reached = quarters.stream().filter(c -> c.year() * 4 + c.quarter() - 1 <= end)
                        .mapToLong(QuarterCount::cumulative).max().orElse(0);
            }
            years.add(new YearTarget(year, t.getValue(), reached, year < today.getYear()));
        }
        return new Indicator(now, zone.getId(), total, List.copyOf(quarters), List.copyOf(years));
    }

    private static int index(LocalDate date) {
        return date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
    }
}
