package io.sincro.listing;

import java.math.BigDecimal;
import java.time.Instant;

/** A sales list ("Lista di Vendita"): articles bound to one listing (fixed at creation), under a sales rule. */
public record SalesList(long id, String name, long listingId, Long ruleId, Instant createdAt, Instant updatedAt) {

    /** How an item came into the list. */
    public enum Origin {
        /** Added by hand: never removed by the filter. */
        MANUAL,
        /** Added by the rule's filter: cannot be removed by hand, leaves when it no longer matches. */
        AUTOMATIC
    }

    /** Where an item stands on the marketplace (the colours of the item grid). */
    public enum ItemState {
        /** Azzurro: not yet published. */
        NOT_PUBLISHED,
        /** Arancione: accepted, pending on the platform. */
        PENDING,
        /** Verde. */
        PUBLISHED,
        /** Giallo: a publication had problems. */
        PROBLEM,
        /** Rosso: stopped by hand or by a rule; still on the platform. */
        STOPPED,
        /** "In attesa di aggancio": treated as already on the marketplace (lists whose rule says so only). */
        AWAITING_LINK;

        /** Whether the marketplace has the item (a stop means something to it). */
        public boolean onMarketplace() {
            return this == PENDING || this == PUBLISHED || this == AWAITING_LINK || this == PROBLEM;
        }
    }

    /**
     * An article of a list, with what was last published of it.
     *
     * @param contentHash     "method/content" hashes of what was last published (see {@link ListedContent})
     * @param publishedBefore the item was on the marketplace once: only such items are relisted
     * @param leaving         stopped on its way out of the list: removed when the STOP is done
     */
    public record Item(long listId, String articleCode, Origin origin, ItemState state, String platformId,
            BigDecimal publishedQuantity, BigDecimal publishedPrice, String contentHash, boolean publishedBefore,
            boolean leaving, Instant addedAt) {

        Item with(Origin newOrigin) {
            return new Item(listId, articleCode, newOrigin, state, platformId, publishedQuantity, publishedPrice,
                    contentHash, publishedBefore, leaving, addedAt);
        }

        Item leaving(boolean isLeaving) {
            return new Item(listId, articleCode, origin, state, platformId, publishedQuantity, publishedPrice,
                    contentHash, publishedBefore, isLeaving, addedAt);
        }
    }
}
