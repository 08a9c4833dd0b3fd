package io.sincro.model;

/**
 * What a shop answered to one state push: the id of the document it created (null when nothing was
 * created: already done, nothing left) and a sentence for the operator.
 */
public record StatePushed(String shopDocumentId, String result) {
}
