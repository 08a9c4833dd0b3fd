package io.sincro.listing;

import io.sincro.shop.Platform;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A sales rule ("Regola di Vendita"): which articles belong to the lists that use it (the article filter)
 * and what happens when articles start matching, stop matching or change. It applies only to lists whose
 * listing is of its marketplace type; an edit reaches every list that uses it; it is deleted only while no
 * list uses it. A list's own rule ("Custom") is not shared.
 *
 * @param treatAsOnSale "Considera gli articoli come già in vendita": every new item of the list enters
 *                      AWAITING_LINK, as if it were already on the marketplace
 */
public record SalesRule(Long id,
        @NotBlank @Size(max = 200) String name,
        @NotNull Platform marketplace,
        @Size(max = 4000) String articleFilter,
        @NotNull AddAction addAction,
        @NotNull RemovalAction removalAction,
        @NotNull UpdateAction updateAction,
        boolean treatAsOnSale,
        boolean shared) {

    /** "Aggiunta di un articolo alla Lista di Vendita". */
    public enum AddAction {
        /** "Nessuna Azione": new articles go into the list only by hand. */
        NONE,
        /** "Aggiungi nella Lista di Vendita". */
        ADD_TO_LIST
    }

    /** "Rimozione di un articolo". */
    public enum RemovalAction {
        /**
         * "Nessuna Azione": an article gone from the ERP leaves the list without a stop; an item that no longer
         * matches stays in the list and on the marketplace.
         */
        NONE,
        /** "Arresto dell'articolo dal Marketplace": stopped on the marketplace, then removed from the list. */
        STOP_ON_MARKETPLACE
    }

    /** "Aggiornamento di un articolo". */
    public enum UpdateAction {
        NONE,
        /** "Modifica dell'articolo sul Marketplace": a full MODIFY of an item whose listed content changed. */
        MODIFY_ON_MARKETPLACE
    }

    public SalesRule withId(long newId, boolean isShared) {
        return new SalesRule(newId, name, marketplace, articleFilter == null ? "" : articleFilter, addAction,
                removalAction, updateAction, treatAsOnSale, isShared);
    }

    public String filterText() {
        return articleFilter == null ? "" : articleFilter;
    }
}
