package io.sincro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class (see {@code junit-platform.properties}) and reads what the whole
 * suite logged — the hubs' log files, the hub processes' output, each class's console output — for
 * every secret the tests handed to the hub ({@link TestSecrets}): none may appear. Only what this run
 * wrote counts: files untouched since this test JVM started are skipped, and in the hubs' log files
 * (appended to by every build) only lines stamped since then.
 */
@Order(Integer.MAX_VALUE)
class SecretsInLogsTest {

    static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}))");

    @Test
    void noSecretTheTestsUsedAppearsInAnyLog() throws IOException {
        Instant since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).minusSeconds(1);
        List<Path> logs = new ArrayList<>();
        for (Path folder : List.of(Path.of("target", "test-logs"), Path.of("target", "surefire-reports"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".log")
                            || f.getFileName().toString().endsWith("-output.txt")).forEach(logs::add);
                }
            }
        }
        assertThat(logs).as("the suite writes logs to read").isNotEmpty();

        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            if (Files.getLastModifiedTime(log).toInstant().isBefore(since)) {
                continue;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            // a log file the hubs append to (their lines stamped with a date) counts from this run on; a
            // console capture (lines without a date) is written anew by each run and counts whole
            boolean appended = !lines.isEmpty() && STAMP.matcher(lines.get(0)).find();
            boolean recent = !appended;
            int number = 0;
            for (String line : lines) {
                number++;
                recent = appended ? writtenSince(line, since, recent) : true;
                if (!recent) {
                    continue;
                }
                for (String secret : TestSecrets.all()) {
                    if (line.contains(secret)) {
                        leaks.add(log + ":" + number + " holds a test secret: "
                                + line.substring(0, Math.min(line.length(), 300)));
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** A line with a time stamp is recent when written since; one without (a stack trace) goes with the line before. */
    static boolean writtenSince(String line, Instant since, boolean previous) {
        Matcher stamp = STAMP.matcher(line);
        if (!stamp.find()) {
            return previous;
        }
        try {
            return !java.time.OffsetDateTime.parse(stamp.group(1)).toInstant().isBefore(since);
        } catch (DateTimeParseException notAStamp) {
            return previous;
        }
    }
}
