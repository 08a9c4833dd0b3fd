package io.sincro.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a shop made of one SKU of a catalogue transaction: an error is a value with the shop's reason,
 * never an exception, so one refused SKU does not stop the rest of a batch.
 *
 * @param platformId the shop's id of the product, when the call tells it
 * @param status     the HTTP status the shop answered (0 when it did not answer)
 * @param message    the shop's message, rendered with its parameters ({@code REFUSED}, {@code RETRY_LATER})
 * @param retryAfter how long the shop asked to wait ({@code RETRY_LATER}; zero when it did not say)
 */
public record ChannelOutcome(String sku, Kind kind, String platformId, int status, String message,
        Duration retryAfter) {

    public enum Kind {
        /** The shop has what was sent. */
        DONE,
        /** PUBLISH found the SKU already in the shop and linked it instead of creating it again. */
        LINKED_EXISTING,
        /** The shop refused it (a 4xx): sending it again gets the same answer. */
        REFUSED,
        /** The shop is down, overloaded or asked to slow down (5xx, 429, no answer): send it again later. */
        RETRY_LATER
    }

    public ChannelOutcome {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(kind, "kind");
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    public static ChannelOutcome done(String sku, String platformId, int status) {
        return new ChannelOutcome(sku, Kind.DONE, platformId, status, null, null);
    }

    public static ChannelOutcome linked(String sku, String platformId) {
        return new ChannelOutcome(sku, Kind.LINKED_EXISTING, platformId, 200, null, null);
    }

    public static ChannelOutcome refused(String sku, int status, String message) {
        return new ChannelOutcome(sku, Kind.REFUSED, null, status, message, null);
    }

    public static ChannelOutcome retryLater(String sku, int status, String message, Duration retryAfter) {
        return new ChannelOutcome(sku, Kind.RETRY_LATER, null, status, message, retryAfter);
    }

    /** The same answer for another SKU of the same call. */
    public ChannelOutcome forSku(String other) {
        return new ChannelOutcome(other, kind, platformId, status, message, retryAfter);
    }

    public boolean succeeded() {
        return kind == Kind.DONE || kind == Kind.LINKED_EXISTING;
    }
}
