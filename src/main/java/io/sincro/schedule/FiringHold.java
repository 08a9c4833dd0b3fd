package io.sincro.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A test hook, off unless {@code sincro.test.hold-firings-until} names a file: each firing of a schedule
 * then writes {@code <file>.held} (target and slot) as soon as it starts — before it plans its next
 * firing or claims its slot — and waits there until {@code <file>} exists. A test can so kill a node at
 * the one moment that used to lose a schedule: a trigger taken, nothing else done yet.
 */
@Component
class FiringHold {

    private static final Logger log = LoggerFactory.getLogger(FiringHold.class);

    private final Path release;

    FiringHold(@Value("${sincro.test.hold-firings-until:}") String file) {
        this.release = file == null || file.isBlank() ? null : Path.of(file);
    }

    void holdIfAsked(String target, Instant slot) {
        if (release == null) {
            return;
        }
        try {
            Files.writeString(release.resolveSibling(release.getFileName() + ".held"), target + " " + slot + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(release)) {
            log.warn("Test hook: the firing of {} for {} holds until {} exists", target, slot, release);
        }
        while (!Files.exists(release)) {
            // a file appearing has no portable event in every file system; a tenth of a second is exact enough
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
