package io.sincro.sandbox.erp;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The ERP's date formats: {@code AAAAMMGG}, {@code HHMMSS} and {@code "AAAAMMGG HHMMSS"}, Italian local time. */
final class ErpTime {

    static final ZoneId ZONE = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd HHmmss");

    private final Clock clock;

    ErpTime(Clock clock) {
        this.clock = clock.withZone(ZONE);
    }

    LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    /** {@code "AAAAMMGG HHMMSS"}, as data_ult_mod and data_ric_elab. */
    String stamp() {
        return DATE_TIME.format(now());
    }

    String date() {
        return DATE.format(now());
    }

    String time() {
        return TIME.format(now());
    }

    int year() {
        return now().getYear();
    }

    /** True for a real calendar date written AAAAMMGG. */
    static boolean isDate(String text) {
        if (text == null || !text.matches("\\d{8}")) {
            return false;
        }
        try {
            LocalDate.parse(text, DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
