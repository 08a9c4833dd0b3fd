package io.sincro.sandbox.magento;

import java.util.List;

/** What Magento stores for the offline and PayPal payment methods the sandbox shop offers. */
final class PaymentMethods {

    private PaymentMethods() {
    }

    static String title(String method) {
        return switch (method) {
            case "checkmo" -> "Check / Money order";
            case "banktransfer" -> "Bonifico bancario";
            case "cashondelivery" -> "Contrassegno";
            case "paypal_express" -> "PayPal Express Checkout";
            default -> method;
        };
    }

    /** additional_information as the REST API renders it: the stored values, in order. */
    static List<String> additionalInformation(String method, long entityId) {
        return switch (method) {
            case "banktransfer" -> List.of(title(method),
                    "IBAN IT60X0542811101000000123456 intestato a Torrefazione Sandbox S.r.l., causale: ordine "
                            + String.format("%09d", entityId));
            case "paypal_express" -> List.of(title(method), "PAYER" + Long.toString(entityId * 7919L, 36).toUpperCase(),
                    "verified", "Eligible");
            default -> List.of(title(method));
        };
    }

    static String transactionId(long entityId) {
        String digits = Long.toString(entityId * 982451653L, 36).toUpperCase();
        return ("7" + digits + "0000000000000000").substring(0, 17);
    }
}
