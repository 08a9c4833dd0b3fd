package io.sincro.shop;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.regex.Pattern;

/**
 * Every source path of a {@link FieldMapping} is {@code order:<json path>} (names of letters, digits and
 * underscores, joined by dots, each optionally indexed as {@code [0]}) or {@code customer:<attribute code>}.
 * Checked over every component of the mapping, so a field added to it is checked too.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FieldPaths.Check.class)
public @interface FieldPaths {

    String message() default "must be order:<json path> (e.g. order:billing_address.vat_id) or "
            + "customer:<attribute code> (e.g. customer:codice_fiscale) or " + FieldMapping.NONE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<FieldPaths, Object> {

        static final Pattern PATH = Pattern.compile(
                "order:[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]{1,3}])?(\\.[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]{1,3}])?){0,9}"
                        + "|customer:[A-Za-z_][A-Za-z0-9_]{0,63}");

        @Override
        public boolean isValid(Object mapping, ConstraintValidatorContext context) {
            if (mapping == null || !mapping.getClass().isRecord()) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (RecordComponent component : mapping.getClass().getRecordComponents()) {
                if (component.getType() != String.class) {
                    continue;
                }
                String value;
                try {
                    value = (String) component.getAccessor().invoke(mapping);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (value != null && !FieldMapping.isNone(value) && (value.length() > 200 || !PATH.matcher(value).matches())) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                            .addPropertyNode(component.getName()).addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
