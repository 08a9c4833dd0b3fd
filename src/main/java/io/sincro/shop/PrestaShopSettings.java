package io.sincro.shop;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a PrestaShop account needs beyond the settings every shop has (the payment and carrier tables,
 * the fiscal field mapping, the ERP document settings are shared). An order state is named by its
 * configuration key ({@code PS_OS_PAYMENT}) or by its id in the shop ({@code 2}); keys are resolved to
 * the shop's ids from its {@code configurations} (ids differ on upgraded or customised shops).
 *
 * @param shopId          the PrestaShop shop ({@code id_shop}) of the account in a multistore: its orders are read and
 *                        its catalogue written (the shop context of every catalogue call); none named: shop 1's
 *                        orders, and catalogue calls without a shop context, as on a single shop
 * @param languageId      the language ({@code id_lang}) of the names and descriptions the hub writes
 * @param importStates    order states whose orders are imported (the seed's "stati da importare")
 * @param stateMapping    ERP action ({@code CANCEL}, {@code SHIP}, {@code INVOICE}) → the order state the
 *                        shop's order is moved to; an action left out keeps its default
 * @param sendEmail       whether the shop e-mails the customer on a state change and on a tracking number
 *                        ({@code sendemail=1})
 * @param categoryId      default category ({@code id_category_default}) of the products the hub creates
 * @param taxRulesGroupId tax rules group of created products; null sends none (the shop's default)
 */
public record PrestaShopSettings(
        @Min(value = 1, message = "must be a PrestaShop shop id (1 or more)") Integer shopId,
        @Min(value = 1, message = "must be a PrestaShop language id (1 or more)") Integer languageId,
        @NotEmpty(message = "must name at least one order state to import")
        @Size(max = 50) List<@Pattern(regexp = STATE, message = STATE_MESSAGE) String> importStates,
        @Size(max = 20) Map<@Pattern(regexp = "CANCEL|SHIP|INVOICE", message = "must be CANCEL, SHIP or INVOICE") String,
                @Pattern(regexp = STATE, message = STATE_MESSAGE) String> stateMapping,
        Boolean sendEmail,
        @Min(value = 1, message = "must be a PrestaShop category id") Integer categoryId,
        @Min(value = 0, message = "must be a PrestaShop tax rules group id") @Max(value = 999999) Integer taxRulesGroupId) {

    static final String STATE = "PS_OS_[A-Z0-9_]{1,60}|[1-9][0-9]{0,9}";
    static final String STATE_MESSAGE = "must be an order state's configuration key (PS_OS_PAYMENT) or its id in the shop";

    /** What the ERP says happened to an order, as the state push-back names it. */
    public static final String CANCEL = "CANCEL";
    public static final String SHIP = "SHIP";
    public static final String INVOICE = "INVOICE";

    /**
     * Orders awaiting payment (cheque, bank wire, cash on delivery) and paid or being prepared: what
     * Magento's default {@code pending} and {@code processing} import.
     */
    public static final List<String> DEFAULT_IMPORT_STATES = List.of("PS_OS_CHEQUE", "PS_OS_BANKWIRE",
            "PS_OS_COD_VALIDATION", "PS_OS_PAYMENT", "PS_OS_WS_PAYMENT", "PS_OS_PREPARATION");

    /** Cancelled, Shipped, Payment accepted: the states of a fresh install (shop-apis B3). */
    public static final Map<String, String> DEFAULT_STATE_MAPPING = Map.of(CANCEL, "PS_OS_CANCELED",
            SHIP, "PS_OS_SHIPPING", INVOICE, "PS_OS_PAYMENT");

    public PrestaShopSettings {
        // kept as given: "none" tells the catalogue channel to send no shop context (see orderShop)
        languageId = languageId == null ? 1 : languageId;
        importStates = importStates == null ? DEFAULT_IMPORT_STATES : List.copyOf(importStates);
        Map<String, String> mapping = new LinkedHashMap<>(DEFAULT_STATE_MAPPING);
        if (stateMapping != null) {
            mapping.putAll(stateMapping);
        }
        stateMapping = Map.copyOf(mapping);
        sendEmail = sendEmail == null ? Boolean.TRUE : sendEmail;
        categoryId = categoryId == null ? 2 : categoryId;
    }

    public static PrestaShopSettings defaults() {
        return new PrestaShopSettings(null, null, null, null, null, null, null);
    }

    /** The shop whose orders are read: the one named, else 1, the only shop of a single-shop install. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public int orderShop() {
        return shopId == null ? 1 : shopId;
    }

    /** The state an ERP action moves the order to (a configuration key or an id). */
    public String stateFor(String action) {
        return stateMapping.get(action);
    }
}
