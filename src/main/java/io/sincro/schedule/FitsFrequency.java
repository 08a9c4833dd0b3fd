package io.sincro.schedule;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schedule sets only the fields its frequency uses: a field the frequency would ignore (runsPerDay on a
 * WEEKLY schedule, at on a DAILY one with several runs) is refused, naming the field, rather than saved
 * and silently doing nothing.
 */
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FitsFrequency.Check.class)
public @interface FitsFrequency {

    String message() default "does not belong to this frequency";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<FitsFrequency, Schedule> {

        static final Map<Schedule.Frequency, List<String>> USES = new EnumMap<>(Map.of(
                Schedule.Frequency.HOURLY, List.of("everyHours", "days", "windowStart", "windowEnd", "zone"),
                Schedule.Frequency.DAILY, List.of("runsPerDay", "days", "at", "windowStart", "windowEnd", "zone"),
                Schedule.Frequency.WEEKLY, List.of("days", "at", "zone"),
                Schedule.Frequency.MONTHLY, List.of("dayOfMonth", "at", "zone"),
                Schedule.Frequency.EVERY_N_DAYS, List.of("everyDays", "days", "at", "windowStart", "windowEnd",
                        "zone")));

        @Override
        public boolean isValid(Schedule schedule, ConstraintValidatorContext context) {
            if (schedule == null || schedule.frequency() == null) {
                return true;
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("runsPerDay", schedule.runsPerDay());
            set.put("everyHours", schedule.everyHours());
            set.put("everyDays", schedule.everyDays());
            set.put("days", schedule.days().isEmpty() ? null : schedule.days());
            set.put("dayOfMonth", schedule.dayOfMonth());
            set.put("at", schedule.at());
            set.put("windowStart", schedule.windowStart());
            set.put("windowEnd", schedule.windowEnd());
            List<String> uses = USES.get(schedule.frequency());
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (Map.Entry<String, Object> field : set.entrySet()) {
                if (field.getValue() != null && !uses.contains(field.getKey())) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate("does not belong to a " + schedule.frequency()
                                    + " schedule (it uses " + String.join(", ", uses) + ")")
                            .addPropertyNode(field.getKey()).addConstraintViolation();
                }
            }
            if (schedule.frequency() == Schedule.Frequency.DAILY && schedule.at() != null
                    && schedule.runsPerDay() != null && schedule.runsPerDay() > 1) {
                valid = false;
                context.buildConstraintViolationWithTemplate("is only for one run a day: with " + schedule.runsPerDay()
                        + " runs they spread from windowStart to windowEnd").addPropertyNode("at")
                        .addConstraintViolation();
            }
            return valid;
        }
    }
}
