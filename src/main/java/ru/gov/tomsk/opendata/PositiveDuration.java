package ru.gov.tomsk.opendata;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A setting's duration is given and longer than zero. Bean Validation has no {@code @Positive} for
 * {@link java.time.Duration}, and {@code @DurationMin} with all zeros would say only "must be greater than".
 */
@NotNull
@DurationMin(nanos = 1)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
public @interface PositiveDuration {

    String message() default "must be a duration longer than zero, e.g. 30s";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
