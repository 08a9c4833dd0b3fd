package io.sincro.fulfilment;

/** What one push-back did: {@code done} when the shop now says what the ERP says. */
public record PushResult(long pushId, String action, String documentKey, boolean done, String result) {
}
