package io.sincro.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.schedule.Schedule.Frequency;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a schedule may say (only its frequency's fields), and the most runs it makes in a month. */
class ScheduleLimitsTest {

    static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theMostRunsInAMonthCountAThirtyOneDayMonthAndEachAllowedWeekdayAtItsMost() {
        assertThat(new Schedule(Frequency.DAILY, 3, null, null, null, null, null, LocalTime.of(8, 0),
                LocalTime.of(20, 0), null).mostRunsInAMonth()).isEqualTo(new Schedule.MonthlyRuns(93,
                "DAILY 3 runs a day × 31 days = 93 a month"));
        assertThat(new Schedule(Frequency.DAILY, null, null, null, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), null, LocalTime.NOON, null, null, null)
                .mostRunsInAMonth().runs()).as("3 weekdays five times, 2 four times").isEqualTo(23);
        assertThat(new Schedule(Frequency.HOURLY, null, 6, null, null, null, null, null, null, null)
                .mostRunsInAMonth().runs()).as("00, 06, 12 and 18: 24:00 is the next day's 00:00").isEqualTo(4 * 31);
        assertThat(new Schedule(Frequency.EVERY_N_DAYS, null, null, 1, null, null, LocalTime.of(3, 0), null, null,
                null).mostRunsInAMonth().runs()).isEqualTo(31);
        assertThat(new Schedule(Frequency.EVERY_N_DAYS, null, null, 2, null, null, LocalTime.of(3, 0), null, null,
                null).mostRunsInAMonth().runs()).isEqualTo(16);
        assertThat(new Schedule(Frequency.MONTHLY, null, null, null, null, 31, null, null, null, null)
                .mostRunsInAMonth().runs()).isEqualTo(1);
        assertThat(new Schedule(Frequency.WEEKLY, null, null, null, EnumSet.of(DayOfWeek.SUNDAY), null, null, null,
                null, null).mostRunsInAMonth().arithmetic()).isEqualTo("WEEKLY on 1 weekday = up to 5 a month");
    }

    @Test
    void aFieldItsFrequencyDoesNotUseIsRefusedByName() {
        assertThat(wrong(new Schedule(Frequency.WEEKLY, 4, null, null, Set.of(DayOfWeek.MONDAY), 3, LocalTime.NOON,
                LocalTime.of(8, 0), null, null))).containsExactly("dayOfMonth", "runsPerDay", "windowStart");
        assertThat(wrong(new Schedule(Frequency.DAILY, 3, null, null, null, null, LocalTime.NOON, null, null, null)))
                .as("at is for one run a day").containsExactly("at");
        assertThat(wrong(new Schedule(Frequency.MONTHLY, null, 2, 5, null, 1, null, null, null, null)))
                .containsExactly("everyDays", "everyHours");
        assertThat(wrong(new Schedule(Frequency.HOURLY, null, 0, null, null, null, null, null, null, null)))
                .containsExactly("everyHours");
        assertThat(wrong(new Schedule(Frequency.DAILY, 2, null, null, null, null, null, LocalTime.of(9, 0),
                LocalTime.of(18, 0), null))).isEmpty();
    }

    static List<String> wrong(Schedule schedule) {
        return validator.validate(schedule).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .sorted().toList();
    }
}
