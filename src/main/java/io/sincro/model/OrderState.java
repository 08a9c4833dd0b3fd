package io.sincro.model;

/** Where an order is in the hub. */
public enum OrderState {
    /** Stored in the hub, waiting for the partial ERP sync. */
    NEW,
    /** Stored, but cannot go to the ERP until the merchant acts on its holds. */
    HELD,
    /** In the ERP, with its ERP key. */
    STORED
}
