package ru.gov.tomsk.opendata.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The configured targets, made once at start-up; a misconfigured one stops the start with a precise message. */
@Component
public class DeliveryTargets {

    private final Map<String, DeliveryTarget> targets = new TreeMap<>();

    public DeliveryTargets(PublishProperties properties, List<TargetKind> kinds) {
        Map<String, TargetKind> byName = kinds.stream().collect(Collectors.toMap(TargetKind::name, k -> k, (a, b) -> a, TreeMap::new));
        properties.targets().forEach((name, settings) -> {
            if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("opendata.targets." + name
                        + ": a target name is lower-case letters, digits and '-' (feeds list it in publish: [...])");
            }
            if (settings.kind() == null || settings.kind().isBlank()) {
                throw new IllegalArgumentException("opendata.targets." + name + ".kind is missing; expected one of: "
                        + String.join(", ", byName.keySet()));
            }
            TargetKind kind = byName.get(settings.kind());
            if (kind == null) {
                throw new IllegalArgumentException("opendata.targets." + name + ".kind: unknown kind '" + settings.kind()
                        + "'; expected one of: " + String.join(", ", byName.keySet()));
            }
            targets.put(name, kind.create(name, settings));
        });
    }

    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(targets.keySet());
    }

    public Optional<DeliveryTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }
}
