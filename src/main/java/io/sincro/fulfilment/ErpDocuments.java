package io.sincro.fulfilment;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the ERP holds about one of the hub's orders: the order document and the movements made from it.
 *
 * @param identity what tells whose order the document is (null when the ERP no longer has it)
 */
public record ErpDocuments(String orderKey, List<Row> orderRows, List<Movement> movements, Identity identity) {

    public ErpDocuments(String orderKey, List<Row> orderRows, List<Movement> movements) {
        this(orderKey, orderRows, movements, null);
    }

    /** The order's note (where the hub wrote its reference) and customer account code. */
    public record Identity(String note, String customerCode) {
    }

    /**
     * Whether the document under this key is the hub's order: its note carries the hub's reference, or
     * (a merchant may rewrite the note) its customer is the order's. Otherwise the key names another
     * document (another year's numbering, a deleted and re-used number): nothing may follow from it.
     */
    public boolean isOrderOf(String reference, String customerCode) {
        return identity == null
                || (identity.note() != null && identity.note().contains(reference))
                || (customerCode != null && customerCode.equals(identity.customerCode()));
    }

    /** Row states of an ERP order: E fulfillable, S suspended, B blocked, N cancelled. */
    public static final String CANCELLED_ROW = "N";

    /** An article row of the ERP order (descriptive rows are left out). */
    public record Row(String articleCode, BigDecimal quantity, String rowState) {
    }

    /**
     * A delivery note (sigla BC) or an invoice (FT) with the rows that came from this order.
     *
     * @param originSigla the sigla of the document it was transformed from (OC for a direct one)
     * @param date        the document date, "AAAAMMGG"
     * @param shippedOn   the transport start date, "AAAAMMGG", or null
     */
    public record Movement(String key, String sigla, String originSigla, String date, String carrier,
            String tracking, String shippedOn, List<MovementRow> rows) {

        public boolean isDeliveryNote() {
            return "BC".equals(sigla);
        }

        public boolean isInvoice() {
            return "FT".equals(sigla);
        }

        /** A direct order → invoice that carries carrier, transport date or tracking also ships the goods. */
        public boolean ships() {
            return isDeliveryNote() || (isInvoice() && !"BC".equals(originSigla)
                    && (notBlank(carrier) || notBlank(tracking) || notBlank(shippedOn)));
        }

        private static boolean notBlank(String value) {
            return value != null && !value.isBlank();
        }
    }

    public record MovementRow(String articleCode, BigDecimal quantity) {
    }
}
