package ru.gov.tomsk.opendata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * What an operator reads when a setting breaks a constraint of its properties class: the setting as it is written
 * in {@code config/application.yml} ({@code opendata.targets.federal.connect-timeout}, where Spring's own report
 * says {@code opendata.targets[federal].connectTimeout} after the Java field), where it was set, and why. The value
 * is left out: it may be a secret, and the origin points at it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    /** A map key ({@code [federal]}), kept as written, or a run of Java property names between them. */
    private static final Pattern PART = Pattern.compile("\\[([^]]*)]|[^\\[]+");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        StringBuilder description = new StringBuilder("A setting is wrong:\n");
        for (ObjectError error : cause.getValidationErrors().getAllErrors()) {
            String name = error instanceof FieldError field ? error.getObjectName() + "." + settingName(field.getField())
                    : error.getObjectName();
            description.append("\n    ").append(name).append(": ").append(error.getDefaultMessage());
            Origin origin = origin(error, name, cause);
            if (origin != null) {
                description.append("\n        set in ").append(origin);
            }
        }
        return new FailureAnalysis(description.toString(), "Correct the setting in config/application.yml or in its "
                + "environment variable; the README's \"Configuration reference\" lists each with its default.", cause);
    }

    /** {@code targets[federal].connectTimeout} → {@code targets.federal.connect-timeout}. */
    static String settingName(String field) {
        StringBuilder name = new StringBuilder();
        Matcher part = PART.matcher(field);
        while (part.find()) {
            if (part.group(1) != null) {
                name.append('.').append(part.group(1));
            } else {
                name.append(DataObjectPropertyName.toDashedForm(part.group()));
            }
        }
        return name.toString();
    }

    /** Spring finds the origin of a top-level field only; a nested one is looked up among the bound properties. */
    private static Origin origin(ObjectError error, String name, BindValidationException cause) {
        Origin origin = Origin.from(error);
        if (origin != null || !ConfigurationPropertyName.isValid(name)) {
            return origin;
        }
        ConfigurationPropertyName setting = ConfigurationPropertyName.of(name);
        return cause.getValidationErrors().getBoundProperties().stream()
                .filter(property -> property.getName().equals(setting))
                .map(ConfigurationProperty::getOrigin).findFirst().orElse(null);
    }
}
