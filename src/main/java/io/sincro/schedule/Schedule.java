package io.sincro.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When an automatic sync runs: the "Schedulazione" of a shop account (its "Test" button previews
 * {@code next(now, 10)}) and the ERP delta sync. Pure Java, no Spring, no Quartz.
 *
 * <h2>Defaults for null fields</h2>
 * <ul>
 *   <li>{@code zone}: Europe/Rome. Every wall-clock time below is read in this zone.</li>
 *   <li>{@code windowStart}: 00:00; {@code windowEnd}: 24:00 (end of the day). A {@code windowEnd} of 00:00 also
 *       means 24:00, so "22:00–00:00" is the last two hours of the day; a run at 24:00 is the next day's 00:00.</li>
 *   <li>{@code at}: 00:00. {@code days}: null or empty means every day of the week.</li>
 *   <li>{@code everyHours}, {@code everyDays}, {@code runsPerDay}: 1.</li>
 *   <li>Fields a frequency does not use are ignored here; the API refuses them ({@link FitsFrequency}).</li>
 * </ul>
 *
 * <h2>Frequencies</h2>
 * <ul>
 *   <li>{@link Frequency#HOURLY}: at windowStart, windowStart + everyHours, … while ≤ windowEnd (both ends included),
 *       every day or only on {@code days}. everyHours is 1–24.</li>
 *   <li>{@link Frequency#DAILY}: runsPerDay (1–1440) runs a day, on {@code days} if given. With 1 run: at {@code at}
 *       (windowStart when {@code at} is null). With n &gt; 1 runs: the window is cut into n equal parts and each run
 *       opens one, every (windowEnd − windowStart)/n from windowStart (rounded down to the second); windowEnd
 *       itself is not a run (it is where the next part would open). So the whole day with 1440 runs is every
 *       60 s at the minute, with 24 runs every hour on the hour; 3 runs between 08:00 and 20:00 → 08:00, 12:00,
 *       16:00. (Spacing by (end − start)/(n − 1) would fold the whole day's last run onto the next day's first,
 *       and 1440 runs would drift across minutes.)</li>
 *   <li>{@link Frequency#WEEKLY}: at {@code at} on each of {@code days} (required, not empty).</li>
 *   <li>{@link Frequency#MONTHLY}: at {@code at} on day {@code dayOfMonth} (1–31, required). In a month without that
 *       day the run is on the month's last day (31 → 28/29 February, 30 April, …).</li>
 *   <li>{@link Frequency#EVERY_N_DAYS} (ERP delta sync): at {@code at} every {@code everyDays} (1–366) days. The count starts
 *       on the first allowed day on or after the date of {@code after} (that day's run is returned only if it is
 *       strictly after {@code after}). A due day that is not one of {@code days} moves to the next allowed day, and
 *       the count restarts from there. {@code at} must lie inside the window.</li>
 * </ul>
 *
 * <h2>Daylight saving time</h2>
 * <ul>
 *   <li>A wall-clock time that does not exist (spring-forward gap, e.g. 02:30 on the last Sunday of March in
 *       Europe/Rome) runs at the first instant after the gap (03:00 local, new offset) — except HOURLY, where the
 *       missing hour is simply absent.</li>
 *   <li>A wall-clock time that occurs twice (autumn overlap, e.g. 02:30 on the last Sunday of October) runs once,
 *       at the earlier offset (the summer one). So hourly runs over the October change neither repeat an instant
 *       nor skip a wall-clock hour.</li>
 *   <li>{@link #next} never returns the same instant twice: runs falling on the same instant are merged.</li>
 * </ul>
 */
@FitsFrequency
public record Schedule(Frequency frequency,
                       @Min(value = 1, message = "must be from 1 to 1440") @Max(value = 1440,
                               message = "must be from 1 to 1440 (once a minute)") Integer runsPerDay,
                       @Min(value = 1, message = "must be from 1 to 24") @Max(value = 24,
                               message = "must be from 1 to 24") Integer everyHours,
                       @Min(value = 1, message = "must be from 1 to 366") @Max(value = 366,
                               message = "must be from 1 to 366") Integer everyDays,
                       Set<DayOfWeek> days,
                       @Min(value = 1, message = "must be from 1 to 31") @Max(value = 31,
                               message = "must be from 1 to 31") Integer dayOfMonth,
                       @Schema(type = "string", pattern = Schedule.HH_MM, example = "08:00") LocalTime at,
                       @Schema(type = "string", pattern = Schedule.HH_MM, example = "08:00") LocalTime windowStart,
                       @Schema(type = "string", pattern = Schedule.HH_MM, example = "20:00") LocalTime windowEnd,
                       @Schema(type = "string", example = "Europe/Rome",
                               description = "an IANA time zone") ZoneId zone) {

    /** How the API writes a time of day (the OpenAPI document says so): {@code HH:mm}. */
    public static final String HH_MM = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    public enum Frequency { HOURLY, DAILY, WEEKLY, MONTHLY, EVERY_N_DAYS }

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Rome");
    public static final int MAX_RUNS_PER_DAY = 24 * 60;

    private static final int DAY_SECONDS = 24 * 60 * 60;

    /** {@code days}: null becomes an empty set (every day); the set is copied and unmodifiable, null elements dropped. */
    public Schedule {
        if (days == null || days.isEmpty()) {
            days = Set.of();
        } else {
            EnumSet<DayOfWeek> copy = EnumSet.noneOf(DayOfWeek.class);
            days.stream().filter(Objects::nonNull).forEach(copy::add);
            days = Collections.unmodifiableSet(copy);
        }
    }

    /** @return null when the schedule is usable, otherwise a sentence for the merchant saying what to fix. */
    public String whatIsWrong() {
        if (frequency == null) {
            return "Choose how often the sync should run (hourly, daily, weekly, monthly or every few days).";
        }
        int start = startSecond();
        int end = endSecond();
        if (end < start) {
            return "The end of the time window (" + windowEnd + ") is before its start (" + windowStart + ").";
        }
        switch (frequency) {
            case HOURLY -> {
                if (everyHours != null && (everyHours < 1 || everyHours > 24)) {
                    return "The number of hours between runs must be between 1 and 24 (it is " + everyHours + ").";
                }
            }
            case DAILY -> {
                if (runsPerDay != null && runsPerDay < 1) {
                    return "The sync must run at least once a day (runs per day is " + runsPerDay + ").";
                }
                if (runsPerDay != null && runsPerDay > MAX_RUNS_PER_DAY) {
                    return "The sync can run at most " + MAX_RUNS_PER_DAY + " times a day (once a minute); "
                            + runsPerDay + " is too many.";
                }
                if (runsPerDay != null && runsPerDay > 1 && end == start) {
                    return "To run " + runsPerDay + " times a day the time window must be longer than zero: "
                            + "its start and end are both " + effectiveStart() + ".";
                }
            }
            case WEEKLY -> {
                if (days.isEmpty()) {
                    return "Choose at least one day of the week for the weekly sync.";
                }
            }
            case MONTHLY -> {
                if (dayOfMonth == null) {
                    return "Choose the day of the month for the monthly sync.";
                }
                if (dayOfMonth < 1 || dayOfMonth > 31) {
                    return "The day of the month must be between 1 and 31 (it is " + dayOfMonth + ").";
                }
            }
            case EVERY_N_DAYS -> {
                if (everyDays != null && (everyDays < 1 || everyDays > 366)) {
                    return "The number of days between runs must be between 1 and 366 (it is " + everyDays + ").";
                }
                int atSecond = effectiveAt().toSecondOfDay();
                if (atSecond < start || atSecond > end) {
                    return "The time of the run (" + effectiveAt() + ") is outside the time window ("
                            + effectiveStart() + "–" + (windowEnd == null ? "24:00" : windowEnd) + ").";
                }
            }
        }
        return null;
    }

    /** The most runs a schedule makes in one calendar month, and the arithmetic that gives it. */
    public record MonthlyRuns(int runs, String arithmetic) {
    }

    /**
     * The most runs this schedule can make in a calendar month: a 31-day month, and, when only some
     * weekdays are allowed, each of them counted at its most (three weekdays occur five times in 31 days,
     * the others four). Used to keep the ERP delta sync within the monthly quota.
     *
     * @throws IllegalStateException when {@link #whatIsWrong()} is not null
     */
    public MonthlyRuns mostRunsInAMonth() {
        String problem = whatIsWrong();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        int allowedDays = days.isEmpty() ? 31 : Math.min(days.size(), 3) * 5 + Math.max(0, days.size() - 3) * 4;
        String weekdays = days.size() + (days.size() == 1 ? " weekday" : " weekdays");
        String onDays = days.isEmpty() ? "31 days" : allowedDays + " days (" + weekdays + ")";
        return switch (frequency) {
            case HOURLY -> {
                int step = everyHours == null ? 1 : everyHours;
                int perDay = (endSecond() - startSecond()) / (step * 3600) + 1;
                if (wholeDay() && (perDay - 1) * step * 3600 == DAY_SECONDS) {
                    perDay--; // the 24:00 run is the next day's 00:00
                }
                yield new MonthlyRuns(perDay * allowedDays, "HOURLY every " + step + " h, " + perDay + " runs a day × "
                        + onDays + " = " + perDay * allowedDays + " a month");
            }
            case DAILY -> {
                int perDay = runsPerDay == null ? 1 : runsPerDay;
                if (perDay > 1 && wholeDay()) {
                    perDay--; // the last run, at 24:00, is the next day's first
                }
                yield new MonthlyRuns(perDay * allowedDays, "DAILY " + perDay + (perDay == 1 ? " run" : " runs")
                        + " a day × " + onDays + " = " + perDay * allowedDays + " a month");
            }
            case WEEKLY -> new MonthlyRuns(allowedDays, "WEEKLY on " + weekdays + " = up to " + allowedDays
                    + " a month");
            case MONTHLY -> new MonthlyRuns(1, "MONTHLY = 1 a month");
            case EVERY_N_DAYS -> {
                int step = everyDays == null ? 1 : everyDays;
                int runs = Math.min((31 + step - 1) / step, allowedDays);
                yield new MonthlyRuns(runs, "EVERY_N_DAYS every " + step + (step == 1 ? " day" : " days")
                        + (days.isEmpty() ? "" : " on " + weekdays) + " = up to " + runs + " a month");
            }
        };
    }

    /**
     * The next {@code count} run instants strictly after {@code after}, ascending and without duplicates.
     *
     * @throws IllegalStateException when {@link #whatIsWrong()} is not null
     */
    public List<Instant> next(Instant after, int count) {
        Objects.requireNonNull(after, "after");
        String problem = whatIsWrong();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        List<Instant> result = new ArrayList<>(Math.max(0, Math.min(count, 10_000)));
        if (count <= 0) {
            return result;
        }
        ZoneId z = effectiveZone();
        LocalDate afterDate = LocalDate.ofInstant(after, z);
        if (frequency == Frequency.EVERY_N_DAYS) {
            int step = everyDays == null ? 1 : everyDays;
            LocalDate day = nextAllowed(afterDate);
            // after's date is at most one run before the first one we keep, so this terminates quickly
            while (result.size() < count) {
                add(result, after, toInstant(day.atTime(effectiveAt()), z, false));
                day = nextAllowed(day.plusDays(step));
            }
            return result;
        }
        // Every other frequency has at least one run per 31 days; the day before covers a 24:00 run.
        LocalDate day = afterDate.minusDays(1);
        long maxDays = 32L * count + 400;
        for (long scanned = 0; result.size() < count && scanned < maxDays; scanned++, day = day.plusDays(1)) {
            for (int second : secondsOn(day)) {
                LocalDateTime local = day.atStartOfDay().plusSeconds(second);
                Instant instant = toInstant(local, z, frequency == Frequency.HOURLY);
                if (instant != null) {
                    add(result, after, instant);
                    if (result.size() == count) {
                        break;
                    }
                }
            }
        }
        return result;
    }

    /** Seconds of the day (0..86400, ascending) at which the schedule runs on {@code day}. */
    private List<Integer> secondsOn(LocalDate day) {
        List<Integer> seconds = new ArrayList<>();
        int start = startSecond();
        int end = endSecond();
        switch (frequency) {
            case HOURLY -> {
                if (allowed(day)) {
                    int step = (everyHours == null ? 1 : everyHours) * 3600;
                    for (int s = start; s <= end; s += step) {
                        seconds.add(s);
                    }
                }
            }
            case DAILY -> {
                if (allowed(day)) {
                    int n = runsPerDay == null ? 1 : runsPerDay;
                    if (n == 1) {
                        seconds.add(at == null ? start : at.toSecondOfDay());
                    } else {
                        long span = end - start;
                        for (int i = 0; i < n; i++) {
                            seconds.add((int) (start + span * i / n));
                        }
                    }
                }
            }
            case WEEKLY -> {
                if (days.contains(day.getDayOfWeek())) {
                    seconds.add(effectiveAt().toSecondOfDay());
                }
            }
            case MONTHLY -> {
                if (day.getDayOfMonth() == Math.min(dayOfMonth, day.lengthOfMonth())) {
                    seconds.add(effectiveAt().toSecondOfDay());
                }
            }
            case EVERY_N_DAYS -> throw new IllegalStateException("EVERY_N_DAYS is not computed day by day");
        }
        return seconds;
    }

    /** Keeps only instants strictly after {@code after} and after the last one kept (merges duplicates). */
    private static void add(List<Instant> result, Instant after, Instant instant) {
        if (!instant.isAfter(after)) {
            return;
        }
        if (!result.isEmpty() && !instant.isAfter(result.get(result.size() - 1))) {
            return;
        }
        result.add(instant);
    }

    /**
     * Wall-clock time to instant: in a gap the first instant after it (or null when {@code skipGap}),
     * in an overlap the earlier offset.
     */
    private static Instant toInstant(LocalDateTime local, ZoneId zone, boolean skipGap) {
        var rules = zone.getRules();
        var offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            if (skipGap) {
                return null;
            }
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, offsets.get(0)).withEarlierOffsetAtOverlap().toInstant();
    }

    private LocalDate nextAllowed(LocalDate from) {
        LocalDate day = from;
        while (!allowed(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    private boolean allowed(LocalDate day) {
        return days.isEmpty() || days.contains(day.getDayOfWeek());
    }

    /** The zone the schedule is read in: its own, or Europe/Rome. */
    public ZoneId zoneOrDefault() {
        return effectiveZone();
    }

    private ZoneId effectiveZone() {
        return zone == null ? DEFAULT_ZONE : zone;
    }

    private LocalTime effectiveAt() {
        return at == null ? LocalTime.MIDNIGHT : at;
    }

    private LocalTime effectiveStart() {
        return windowStart == null ? LocalTime.MIDNIGHT : windowStart;
    }

    private int startSecond() {
        return effectiveStart().toSecondOfDay();
    }

    private boolean wholeDay() {
        return startSecond() == 0 && endSecond() == DAY_SECONDS;
    }

    /** windowEnd in seconds of the day; null or 00:00 means 24:00 (86400). */
    private int endSecond() {
        return windowEnd == null || windowEnd.equals(LocalTime.MIDNIGHT) ? DAY_SECONDS : windowEnd.toSecondOfDay();
    }
}
