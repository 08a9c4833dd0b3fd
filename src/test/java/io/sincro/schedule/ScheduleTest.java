package io.sincro.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sincro.schedule.Schedule.Frequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    /** Instants written as local time + offset, e.g. "2026-06-01T14:00+02:00". */
    private static List<Instant> at(String... offsetDateTimes) {
        return Arrays.stream(offsetDateTimes).map(s -> OffsetDateTime.parse(s).toInstant()).toList();
    }

    private static Instant instant(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    private static void assertStrictlyIncreasing(List<Instant> instants) {
        assertThat(new HashSet<>(instants)).hasSameSizeAs(instants);
        for (int i = 1; i < instants.size(); i++) {
            assertThat(instants.get(i)).isAfter(instants.get(i - 1));
        }
    }

    // 1
    @Test
    void dailyThreeTimesBetween8And20() {
        Schedule s = new Schedule(Frequency.DAILY, 3, null, null, null, null, null, t("08:00"), t("20:00"), ROME);
        assertThat(s.whatIsWrong()).isNull();
        // 2026-06-01 is a Monday
        assertThat(s.next(instant("2026-06-01T09:00+02:00"), 10)).isEqualTo(at(
                "2026-06-01T12:00+02:00", "2026-06-01T16:00+02:00",
                "2026-06-02T08:00+02:00", "2026-06-02T12:00+02:00", "2026-06-02T16:00+02:00",
                "2026-06-03T08:00+02:00", "2026-06-03T12:00+02:00", "2026-06-03T16:00+02:00",
                "2026-06-04T08:00+02:00", "2026-06-04T12:00+02:00"));
    }

    @Test
    void dailyFourteenHundredFortyTimesIsEveryMinuteOnTheMinute() {
        Schedule s = new Schedule(Frequency.DAILY, 1440, null, null, null, null, null, null, null, ROME);
        List<Instant> runs = s.next(instant("2026-06-01T23:58:30+02:00"), 1440 * 2);
        assertThat(runs.subList(0, 4)).isEqualTo(at("2026-06-01T23:59+02:00", "2026-06-02T00:00+02:00",
                "2026-06-02T00:01+02:00", "2026-06-02T00:02+02:00"));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).getEpochSecond() - runs.get(i - 1).getEpochSecond()).as("run %d", i).isEqualTo(60);
        }
        // a whole day holds exactly 1440 runs, none folded onto the next day's first
        assertThat(s.next(instant("2026-06-01T23:59:59+02:00"), 1441).get(1440))
                .isEqualTo(instant("2026-06-03T00:00+02:00"));
    }

    @Test
    void dailyTwentyFourTimesIsEveryHourOnTheHour() {
        Schedule s = new Schedule(Frequency.DAILY, 24, null, null, null, null, null, null, null, ROME);
        assertThat(s.next(instant("2026-06-01T22:30+02:00"), 3)).isEqualTo(at(
                "2026-06-01T23:00+02:00", "2026-06-02T00:00+02:00", "2026-06-02T01:00+02:00"));
    }

    @Test
    void dailyOnceAtGivenTimeOnlyOnGivenDaysAndDefaultZone() {
        Schedule s = new Schedule(Frequency.DAILY, 1, null, null, Set.of(TUESDAY, THURSDAY), null, t("06:15"),
                null, null, null);
        assertThat(s.next(instant("2026-01-05T09:00+01:00"), 4)).isEqualTo(at(
                "2026-01-06T06:15+01:00", "2026-01-08T06:15+01:00",
                "2026-01-13T06:15+01:00", "2026-01-15T06:15+01:00"));
    }

    // 2
    @Test
    void weeklyMonWedFriAt0730() {
        Schedule s = new Schedule(Frequency.WEEKLY, null, null, null, Set.of(MONDAY, WEDNESDAY, FRIDAY), null,
                t("07:30"), null, null, ROME);
        assertThat(s.next(instant("2026-06-01T09:00+02:00"), 10)).isEqualTo(at(
                "2026-06-03T07:30+02:00", "2026-06-05T07:30+02:00",
                "2026-06-08T07:30+02:00", "2026-06-10T07:30+02:00", "2026-06-12T07:30+02:00",
                "2026-06-15T07:30+02:00", "2026-06-17T07:30+02:00", "2026-06-19T07:30+02:00",
                "2026-06-22T07:30+02:00", "2026-06-24T07:30+02:00"));
    }

    // 3
    @Test
    void monthlyOnThe31stFallsBackToLastDayOfShortMonths() {
        Schedule s = new Schedule(Frequency.MONTHLY, null, null, null, null, 31, t("10:00"), null, null, ROME);
        assertThat(s.next(instant("2027-01-15T12:00+01:00"), 10)).isEqualTo(at(
                "2027-01-31T10:00+01:00", "2027-02-28T10:00+01:00", "2027-03-31T10:00+02:00",
                "2027-04-30T10:00+02:00", "2027-05-31T10:00+02:00", "2027-06-30T10:00+02:00",
                "2027-07-31T10:00+02:00", "2027-08-31T10:00+02:00", "2027-09-30T10:00+02:00",
                "2027-10-31T10:00+01:00"));
    }

    @Test
    void monthlyOnThe29thInALeapYear() {
        Schedule s = new Schedule(Frequency.MONTHLY, null, null, null, null, 29, t("10:00"), null, null, ROME);
        assertThat(s.next(instant("2028-01-30T00:00+01:00"), 2)).isEqualTo(at(
                "2028-02-29T10:00+01:00", "2028-03-29T10:00+02:00"));
    }

    // 4
    @Test
    void hourlyInsideWindow9To12() {
        Schedule s = new Schedule(Frequency.HOURLY, null, 1, null, null, null, null, t("09:00"), t("12:00"), ROME);
        assertThat(s.next(instant("2026-06-01T08:00+02:00"), 10)).isEqualTo(at(
                "2026-06-01T09:00+02:00", "2026-06-01T10:00+02:00", "2026-06-01T11:00+02:00",
                "2026-06-01T12:00+02:00",
                "2026-06-02T09:00+02:00", "2026-06-02T10:00+02:00", "2026-06-02T11:00+02:00",
                "2026-06-02T12:00+02:00",
                "2026-06-03T09:00+02:00", "2026-06-03T10:00+02:00"));
    }

    @Test
    void hourlyWholeDayDoesNotRepeatMidnight() {
        Schedule s = new Schedule(Frequency.HOURLY, null, 6, null, null, null, null, null, null, ROME);
        assertThat(s.next(instant("2026-06-01T12:00+02:00"), 4)).isEqualTo(at(
                "2026-06-01T18:00+02:00", "2026-06-02T00:00+02:00",
                "2026-06-02T06:00+02:00", "2026-06-02T12:00+02:00"));
    }

    // 5 — October 2026: Sunday 25 Oct, 03:00 CEST -> 02:00 CET, so 02:00-02:59 happens twice
    @Test
    void dailyAt0230RunsOnceOnTheOctoberChangeNightAtTheEarlierOffset() {
        Schedule s = new Schedule(Frequency.DAILY, 1, null, null, null, null, t("02:30"), null, null, ROME);
        List<Instant> runs = s.next(instant("2026-10-22T12:00+02:00"), 7);
        assertThat(runs).isEqualTo(at(
                "2026-10-23T02:30+02:00", "2026-10-24T02:30+02:00",
                "2026-10-25T02:30+02:00",
                "2026-10-26T02:30+01:00", "2026-10-27T02:30+01:00", "2026-10-28T02:30+01:00",
                "2026-10-29T02:30+01:00"));
        assertThat(runs).doesNotContain(instant("2026-10-25T02:30+01:00"));
    }

    @Test
    void hourlyOverTheOctoberChangeNightHasNoDuplicateAndSkipsNoWallClockHour() {
        Schedule s = new Schedule(Frequency.HOURLY, null, 1, null, null, null, null, null, null, ROME);
        List<Instant> runs = s.next(instant("2026-10-24T22:30+02:00"), 8);
        assertThat(runs).isEqualTo(at(
                "2026-10-24T23:00+02:00", "2026-10-25T00:00+02:00", "2026-10-25T01:00+02:00",
                "2026-10-25T02:00+02:00",
                // 02:00+01:00 is the same wall-clock hour again: not repeated
                "2026-10-25T03:00+01:00", "2026-10-25T04:00+01:00", "2026-10-25T05:00+01:00",
                "2026-10-25T06:00+01:00"));
        assertStrictlyIncreasing(runs);
    }

    @Test
    void weekCrossingTheOctoberChangeHourlyIsStrictlyIncreasing() {
        Schedule s = new Schedule(Frequency.HOURLY, null, 1, null, null, null, null, null, null, ROME);
        List<Instant> runs = s.next(instant("2026-10-21T23:30+02:00"), 7 * 24);
        assertStrictlyIncreasing(runs);
        // 7 days of 24 wall-clock hours, the repeated 02:00 counted once
        assertThat(runs.get(0)).isEqualTo(instant("2026-10-22T00:00+02:00"));
        assertThat(runs.get(runs.size() - 1)).isEqualTo(instant("2026-10-28T23:00+01:00"));
    }

    // 5 — March 2027: Sunday 28 Mar, 02:00 CET -> 03:00 CEST, so 02:00-02:59 does not exist
    @Test
    void dailyAt0230OnTheMarchChangeRunsRightAfterTheGap() {
        Schedule s = new Schedule(Frequency.DAILY, 1, null, null, null, null, t("02:30"), null, null, ROME);
        assertThat(s.next(instant("2027-03-26T12:00+01:00"), 4)).isEqualTo(at(
                "2027-03-27T02:30+01:00",
                "2027-03-28T03:00+02:00",
                "2027-03-29T02:30+02:00", "2027-03-30T02:30+02:00"));
    }

    @Test
    void hourlyOverTheMarchChangeNightLeavesTheMissingHourOut() {
        Schedule s = new Schedule(Frequency.HOURLY, null, 1, null, null, null, null, null, null, ROME);
        List<Instant> runs = s.next(instant("2027-03-28T00:30+01:00"), 5);
        assertThat(runs).isEqualTo(at(
                "2027-03-28T01:00+01:00",
                "2027-03-28T03:00+02:00", "2027-03-28T04:00+02:00", "2027-03-28T05:00+02:00",
                "2027-03-28T06:00+02:00"));
        assertStrictlyIncreasing(runs);
    }

    // 6
    @Test
    void everyTwoDaysAt22OnlyMondayToFriday() {
        Schedule s = new Schedule(Frequency.EVERY_N_DAYS, null, null, 2,
                Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), null, t("22:00"), null, null, ROME);
        assertThat(s.whatIsWrong()).isNull();
        // Mon 1, Wed 3, Fri 5, Sun 7 not allowed -> Mon 8 and the count restarts from Monday
        assertThat(s.next(instant("2026-06-01T09:00+02:00"), 10)).isEqualTo(at(
                "2026-06-01T22:00+02:00", "2026-06-03T22:00+02:00", "2026-06-05T22:00+02:00",
                "2026-06-08T22:00+02:00", "2026-06-10T22:00+02:00", "2026-06-12T22:00+02:00",
                "2026-06-15T22:00+02:00", "2026-06-17T22:00+02:00", "2026-06-19T22:00+02:00",
                "2026-06-22T22:00+02:00"));
    }

    @Test
    void everyTwoDaysCountsFromAfterDateEvenWhenTodaysRunHasPassed() {
        Schedule s = new Schedule(Frequency.EVERY_N_DAYS, null, null, 2,
                Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), null, t("22:00"), null, null, ROME);
        // Saturday: the first allowed day is Monday 8
        assertThat(s.next(instant("2026-06-06T09:00+02:00"), 3)).isEqualTo(at(
                "2026-06-08T22:00+02:00", "2026-06-10T22:00+02:00", "2026-06-12T22:00+02:00"));
        // Monday 23:00: Monday's 22:00 run is past, the next is two days later
        assertThat(s.next(instant("2026-06-01T23:00+02:00"), 2)).isEqualTo(at(
                "2026-06-03T22:00+02:00", "2026-06-05T22:00+02:00"));
    }

    @Test
    void nextOfZeroIsEmpty() {
        Schedule s = new Schedule(Frequency.HOURLY, null, null, null, null, null, null, null, null, null);
        assertThat(s.next(instant("2026-06-01T09:00+02:00"), 0)).isEmpty();
    }

    // 7
    @Test
    void whatIsWrongExplainsInvalidSchedules() {
        assertThat(new Schedule(Frequency.DAILY, 0, null, null, null, null, null, null, null, ROME).whatIsWrong())
                .contains("at least once a day");
        assertThat(new Schedule(Frequency.DAILY, 1441, null, null, null, null, null, null, null, ROME).whatIsWrong())
                .contains("at most 1440 times a day");
        assertThat(new Schedule(Frequency.DAILY, 3, null, null, null, null, null, t("20:00"), t("08:00"), ROME)
                .whatIsWrong()).contains("end of the time window (08:00) is before its start (20:00)");
        assertThat(new Schedule(Frequency.WEEKLY, null, null, null, Set.of(), null, t("07:30"), null, null, ROME)
                .whatIsWrong()).contains("at least one day of the week");
        assertThat(new Schedule(Frequency.WEEKLY, null, null, null, null, null, t("07:30"), null, null, ROME)
                .whatIsWrong()).contains("at least one day of the week");
        assertThat(new Schedule(Frequency.MONTHLY, null, null, null, null, 32, null, null, null, ROME).whatIsWrong())
                .contains("between 1 and 31");
        assertThat(new Schedule(Frequency.MONTHLY, null, null, null, null, 0, null, null, null, ROME).whatIsWrong())
                .contains("between 1 and 31");
        assertThat(new Schedule(Frequency.MONTHLY, null, null, null, null, null, null, null, null, ROME).whatIsWrong())
                .contains("day of the month");
        assertThat(new Schedule(Frequency.HOURLY, null, 0, null, null, null, null, null, null, ROME).whatIsWrong())
                .contains("hours between runs");
        assertThat(new Schedule(Frequency.EVERY_N_DAYS, null, null, 0, null, null, t("22:00"), null, null, ROME)
                .whatIsWrong()).contains("days between runs");
        assertThat(new Schedule(Frequency.EVERY_N_DAYS, null, null, 2, null, null, t("22:00"), t("08:00"),
                t("20:00"), ROME).whatIsWrong()).contains("(22:00) is outside the time window (08:00–20:00)");
        assertThat(new Schedule(null, null, null, null, null, null, null, null, null, ROME).whatIsWrong())
                .contains("how often");
    }

    @Test
    void nextRefusesAnInvalidSchedule() {
        Schedule s = new Schedule(Frequency.WEEKLY, null, null, null, null, null, t("07:30"), null, null, ROME);
        assertThatThrownBy(() -> s.next(instant("2026-06-01T09:00+02:00"), 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("day of the week");
    }

    @Test
    void windowEndingAtMidnightMeansEndOfDay() {
        Schedule s = new Schedule(Frequency.HOURLY, null, 1, null, Set.<DayOfWeek>of(MONDAY), null, null,
                t("22:00"), t("00:00"), ROME);
        assertThat(s.whatIsWrong()).isNull();
        assertThat(s.next(instant("2026-06-01T12:00+02:00"), 4)).isEqualTo(at(
                "2026-06-01T22:00+02:00", "2026-06-01T23:00+02:00", "2026-06-02T00:00+02:00",
                "2026-06-08T22:00+02:00"));
    }
}
