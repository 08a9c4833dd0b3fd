package io.sincro.listing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A transaction the sync rules decided for an item, stored before anything is sent: the values to send,
 * why (which rule, which change), and its state. At most one per item and kind is PENDING; a newer decision
 * of the same kind supersedes an unsent older one. Delivery to the shop moves it on (SENT, DONE, FAILED);
 * {@code attempts} counts its sendings, {@code result} holds the shop's last answer.
 */
public record ListingTransaction(long id, long listId, String articleCode, Kind kind, State state, JsonNode values,
        String reason, String result, Instant createdAt, Instant updatedAt, int attempts) {

    /** The transaction kinds, most urgent first: the order in which they are listed and sent. */
    public enum Kind {
        /** "Arresto": never a delete; the most the hub does to an item on a marketplace. */
        STOP,
        /** "Quantità": the quantity only. */
        QUANTITY,
        /** "Prezzo": the price only. */
        PRICE,
        /** "Modifica": every listed field, with price and quantity. */
        MODIFY,
        /** "Pubblicazione". */
        PUBLISH,
        /** "Rimessa in vendita": an item published before and stopped. */
        RELIST
    }

    public enum State { PENDING, SENT, DONE, FAILED, SUPERSEDED }

    /** A decision not stored yet: what the evaluation (or a preview) found. */
    public record Decided(long listId, String articleCode, Kind kind, JsonNode values, String reason) {
    }
}
