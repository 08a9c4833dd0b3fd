package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.model.ShopDocument;
import io.sincro.model.StatePushed;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import io.sincro.shop.StateChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells a PrestaShop shop what the ERP's documents say (F2, seed 001: "cambi di stato anche per gli ordini
 * Prestashop"): the order moves to the state the account maps the ERP action to, and a delivery note's
 * tracking number goes on the order's carrier.
 *
 * <p>{@code POST order_histories} has no duplicate guard — a repeat adds a history row, runs the state's
 * hooks again and, with {@code sendemail=1}, e-mails the customer again — so the order's
 * {@code current_state} is read first and the state posted only when it differs. A state that already
 * says more is not undone either: SHIP is done when the current state is one the shop flags
 * {@code shipped} (Delivered), INVOICE when it is flagged {@code paid} (Processing, Shipped, Delivered).
 * A post whose answer is lost is checked by reading the order again. The tracking number is put on
 * {@code order_carriers} only when it differs; the webservice's 500 code 46 after that save (the e-mail
 * failed, the number was saved) is read back and counted done, not sent again.
 */
@Component("prestashopStates")
public class PrestaShopStates implements StateChannel {

    private final PrestaShopClient client;
    private final PrestaShopConfiguration configuration;

    public PrestaShopStates(PrestaShopClient client, PrestaShopConfiguration configuration) {
        this.client = client;
        this.configuration = configuration;
    }

    @Override
    public Platform platform() {
        return Platform.PRESTASHOP;
    }

    @Override
    public StatePushed cancel(ShopAccount account, String shopOrderId, String orderNumber) {
        return moveTo(account, shopOrderId, orderNumber, PrestaShopSettings.CANCEL, null, "cancelled");
    }

    @Override
    public StatePushed ship(ShopAccount account, ShopDocument deliveryNote) {
        StatePushed state = moveTo(account, deliveryNote.shopOrderId(), deliveryNote.orderNumber(),
                PrestaShopSettings.SHIP, "shipped", "shipped");
        if (deliveryNote.tracking() == null || deliveryNote.tracking().number() == null
                || deliveryNote.tracking().number().isBlank()) {
            return new StatePushed(state.shopDocumentId(), state.result() + "; no tracking number");
        }
        return new StatePushed(state.shopDocumentId(), state.result() + "; "
                + tracking(account, deliveryNote.shopOrderId(), deliveryNote.tracking().number().trim()));
    }

    @Override
    public StatePushed invoice(ShopAccount account, ShopDocument invoice) {
        return moveTo(account, invoice.shopOrderId(), invoice.orderNumber(), PrestaShopSettings.INVOICE, "paid",
                "invoiced");
    }

    /**
     * Moves the order to the action's state unless it is there already (or, with {@code flag}, in a state
     * the shop flags so). The id of the history row created, or null when nothing was posted.
     */
    private StatePushed moveTo(ShopAccount account, String shopOrderId, String orderNumber, String action,
            String flag, String done) {
        checkId(account, shopOrderId);
        PrestaShopSettings settings = account.settings().prestashop();
        String target = configuration.facts(account).stateId(account, settings.stateFor(action));
        String named = settings.stateFor(action) + (settings.stateFor(action).equals(target) ? "" : " = " + target);
        String current = currentState(account, shopOrderId);
        if (target.equals(current)) {
            return new StatePushed(null, "already " + done + " in the shop (order " + orderNumber + " is in state "
                    + named + ")");
        }
        if (flag != null && flagged(account, current, flag)) {
            return new StatePushed(null, "already " + done + " in the shop (order " + orderNumber + " is in state "
                    + current + ", which the shop counts as " + flag + ")");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (settings.sendEmail()) {
            query.put("sendemail", "1");
        }
        String xml = PrestaShopXml.of("order_history").field("id_order", shopOrderId).field("id_order_state", target)
                .toString();
        JsonNode created;
        try {
            created = client.write(account, "POST", "order_histories", query, xml);
        } catch (ShopException.Unavailable unknownOutcome) {
            // the post may have gone through: the order says whether it did (posting again would repeat it)
            if (target.equals(currentState(account, shopOrderId))) {
                return new StatePushed(null, done + " in the shop: order " + orderNumber + " moved to state " + named
                        + " (the shop's answer was lost; the order shows it)");
            }
            throw unknownOutcome;
        }
        String historyId = PrestaShopOrderMapper.text(created.path("order_history"), "id");
        return new StatePushed(historyId, done + " in the shop: order " + orderNumber + " moved to state " + named
                + (historyId == null ? "" : " (history " + historyId + ")"));
    }

    private String currentState(ShopAccount account, String shopOrderId) {
        return client.byId(account, "orders", shopOrderId, "[id,current_state]")
                .orElseThrow(() -> new ShopException.Rejected(PrestaShopClient.shop(account) + " has no order "
                        + shopOrderId, 404))
                .path("current_state").asText("");
    }

    /** Whether the shop flags this order state {@code paid} or {@code shipped}. */
    private boolean flagged(ShopAccount account, String stateId, String flag) {
        if (stateId == null || !stateId.matches("[1-9][0-9]{0,10}")) {
            return false;
        }
        return client.byId(account, "order_states", stateId, "[id,paid,shipped]")
                .map(state -> state.path(flag).asInt(0) == 1).orElse(false);
    }

    /** Puts the tracking number on the order's carrier, unless it is there already. */
    private String tracking(ShopAccount account, String shopOrderId, String number) {
        JsonNode carrier = orderCarrier(account, shopOrderId);
        if (carrier == null) {
            throw new ShopException.Rejected(PrestaShopClient.shop(account) + " order " + shopOrderId
                    + " has no order carrier to put tracking number " + number + " on", 0);
        }
        if (number.equals(PrestaShopOrderMapper.text(carrier, "tracking_number"))) {
            return "tracking " + number + " already on the order";
        }
        String id = carrier.path("id").asText();
        PrestaShopXml.Builder xml = PrestaShopXml.of("order_carrier");
        for (String field : List.of("id", "id_order", "id_carrier", "id_order_invoice", "weight",
                "shipping_cost_tax_excl", "shipping_cost_tax_incl")) {
            xml.field(field, PrestaShopOrderMapper.text(carrier, field));
        }
        xml.field("tracking_number", number);
        Map<String, String> query = new LinkedHashMap<>();
        if (account.settings().prestashop().sendEmail()) {
            query.put("sendemail", "1");
        }
        PrestaShopClient.Answer answer = client.exchange(account, "PUT", "order_carriers/" + id, withJson(query),
                xml.toString());
        if (answer.ok()) {
            return "tracking " + number + " set";
        }
        if (answer.status() == 500 && answer.errorCode() == PrestaShopClient.UNABLE_TO_SAVE) {
            // OrderCarrier::updateWs saves, then fails on the e-mail: the number may well be there
            JsonNode after = orderCarrier(account, shopOrderId);
            if (after != null && number.equals(PrestaShopOrderMapper.text(after, "tracking_number"))) {
                return "tracking " + number + " set (the shop could not send its in-transit e-mail: "
                        + answer.message() + ")";
            }
        }
        throw client.failure(account, "PUT", "order_carriers/" + id, answer);
    }

    private JsonNode orderCarrier(ShopAccount account, String shopOrderId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("display", "full");
        query.put("filter[id_order]", "[" + shopOrderId + "]");
        query.put("sort", "[id_DESC]");
        List<JsonNode> found = PrestaShopClient.list(client.get(account, "order_carriers", query), "order_carriers");
        return found.isEmpty() ? null : found.get(0);
    }

    private static Map<String, String> withJson(Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("output_format", "JSON");
        return q;
    }

    private static void checkId(ShopAccount account, String shopOrderId) {
        if (shopOrderId == null || !shopOrderId.matches("[1-9][0-9]{0,10}")) {
            throw new ShopException.Rejected(PrestaShopClient.shop(account) + " has no order " + shopOrderId
                    + " (a PrestaShop order id is a number)", 0);
        }
    }
}
