package io.sincro.sandbox.magento;

import static io.sincro.sandbox.magento.MagentoTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write-back routes over real HTTP: invoice, ship, cancel, comments, document reads, write faults. */
class MagentoSimulatorWriteBackTest {

    private static final String V1 = "/rest/default/V1";
    private static final String NOT_FOUND = "The entity that was requested doesn't exist. Verify the entity and try again.";
    private static final String NO_INVOICE_PRODUCTS =
            "The invoice can't be created without products. Add products and try again.";

    private MagentoSimulator simulator;
    private MagentoTestClient client;

    @BeforeEach
    void start() {
        simulator = MagentoSimulator.start(0, "default", MagentoTestClient.CREDENTIALS,
                SandboxShop.generate(7, 80, Instant.parse("2024-05-14T09:20:41Z")));
        client = new MagentoTestClient(simulator, MagentoTestClient.CREDENTIALS);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    // ------------------------------------------------------------------------------------------- invoice

    @Test
    void fullInvoiceInvoicesEveryItemAndMovesTheNewOrderToProcessing() {
        long id = newOrder(order -> true);
        JsonNode before = order(id);

        MagentoTestClient.Response response = client.post(invoiceUrl(id), "{\"capture\":true,\"notify\":true}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().isIntegralNumber()).isTrue();
        long invoiceId = response.body().asLong();
        JsonNode after = order(id);
        assertThat(after.get("state").asText()).isEqualTo("processing");
        assertThat(after.get("status").asText()).isEqualTo("processing");
        for (JsonNode item : after.get("items")) {
            assertThat(item.get("qty_invoiced").decimalValue()).isEqualByComparingTo(item.get("qty_ordered").decimalValue());
            assertThat(item.get("qty_shipped").asInt()).isZero();
        }
        assertThat(after.get("total_invoiced").decimalValue()).isEqualByComparingTo(before.get("grand_total").decimalValue());
        assertThat(after.get("base_total_invoiced").decimalValue())
                .isEqualByComparingTo(before.get("base_grand_total").decimalValue());
        assertThat(after.get("updated_at").asText()).isGreaterThan(before.get("updated_at").asText());

        JsonNode invoice = client.get(V1 + "/invoices/" + invoiceId, Map.of()).body();
        assertThat(invoice.get("entity_id").asLong()).isEqualTo(invoiceId);
        assertThat(invoice.get("order_id").asLong()).isEqualTo(id);
        assertThat(invoice.get("increment_id").asText()).matches("\\d{9}");
        assertThat(invoice.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(invoice.get("grand_total").decimalValue()).isEqualByComparingTo(before.get("grand_total").decimalValue());
        List<Long> invoicedItems = new ArrayList<>();
        invoice.get("items").forEach(row -> invoicedItems.add(row.get("order_item_id").asLong()));
        assertThat(invoicedItems).containsExactlyInAnyOrderElementsOf(itemIds(before, true));
        assertThat(invoice.get("items").get(0).has("sku")).isTrue();
        assertThat(simulator.invoices(id)).hasSize(1);
    }

    @Test
    void secondFullInvoiceIsRefusedWithBothValidatorMessagesAndCreatesNothing() {
        long id = newOrder(order -> true);
        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(200);
        String updatedAt = order(id).get("updated_at").asText();

        MagentoTestClient.Response again = client.post(invoiceUrl(id), "{}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().toString()).isEqualTo(message("Invoice Document Validation Error(s):\n"
                + NO_INVOICE_PRODUCTS + "\nThe order does not allow an invoice to be created."));
        assertThat(simulator.invoices(id)).hasSize(1);
        assertThat(order(id).get("updated_at").asText()).isEqualTo(updatedAt);
    }

    @Test
    void repeatedPartialInvoiceSucceedsAndCreatesASecondInvoiceThenTheRestAddsUp() {
        long id = newOrder(order -> parents(order).get(0).get("qty_ordered").asInt() >= 2 && parents(order).size() >= 2);
        JsonNode before = order(id);
        long itemId = parents(before).get(0).get("item_id").asLong();
        String partial = "{\"items\":[{\"order_item_id\":" + itemId + ",\"qty\":1}]}";

        MagentoTestClient.Response first = client.post(invoiceUrl(id), partial);
        MagentoTestClient.Response second = client.post(invoiceUrl(id), partial);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().asLong()).isNotEqualTo(first.body().asLong());
        JsonNode afterTwo = order(id);
        assertThat(item(afterTwo, itemId).get("qty_invoiced").asInt()).isEqualTo(2);
        assertThat(parents(afterTwo).get(1).get("qty_invoiced").asInt()).isZero();
        assertThat(afterTwo.get("state").asText()).isEqualTo("processing");
        assertThat(simulator.invoices(id)).hasSize(2);

        assertThat(client.post(invoiceUrl(id), "{\"items\":[]}").status()).isEqualTo(200);
        JsonNode done = order(id);
        BigDecimal sum = simulator.invoices(id).stream().map(i -> i.get("grand_total").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(before.get("grand_total").decimalValue());
        assertThat(done.get("total_invoiced").decimalValue()).isEqualByComparingTo(before.get("grand_total").decimalValue());
        assertThat(done.get("total_paid").decimalValue()).isEqualByComparingTo(before.get("grand_total").decimalValue());
    }

    @Test
    void quantityAboveWhatIsLeftAndUnknownItemsAreRefused() {
        long id = newOrder(order -> true);
        JsonNode first = parents(order(id)).get(0);
        int tooMany = first.get("qty_ordered").asInt() + 1;

        MagentoTestClient.Response over = client.post(invoiceUrl(id),
                "{\"items\":[{\"order_item_id\":" + first.get("item_id").asLong() + ",\"qty\":" + tooMany + "}]}");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().get("message").asText()).isEqualTo("We found an invalid quantity to invoice item \"%1\".");
        assertThat(over.body().get("parameters").get(0).asText()).isEqualTo(first.get("name").asText());

        MagentoTestClient.Response unknown = client.post(invoiceUrl(id), "{\"items\":[{\"order_item_id\":999999,\"qty\":1}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("message").asText())
                .isEqualTo("Invoice Document Validation Error(s):\n" + NO_INVOICE_PRODUCTS);
        assertThat(simulator.invoices(id)).isEmpty();
        assertThat(order(id).get("state").asText()).isEqualTo("new");
    }

    @Test
    void holdedOrderCannotBeInvoicedAndTheMessageNamesItsStatus() {
        long id = newOrder(order -> true);
        simulator.shop().updateOrder(id, order -> order.put("state", "holded").put("status", "holded"));

        MagentoTestClient.Response refused = client.post(invoiceUrl(id), "{}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).isEqualTo(message(
                "Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of holded"));
        MagentoTestClient.Response ship = client.post(shipUrl(id), "{}");
        assertThat(ship.body().get("message").asText()).isEqualTo(
                "Shipment Document Validation Error(s):\nA shipment cannot be created when an order has a status of holded");
    }

    @Test
    void unknownOrderIsTheNoSuchEntity404OnEveryWriteRoute() {
        for (MagentoTestClient.Response response : List.of(
                client.post(invoiceUrl(42), "{}"),
                client.post(shipUrl(42), "{}"),
                client.post(V1 + "/orders/42/cancel", ""),
                client.post(V1 + "/orders/42/comments", "{\"statusHistory\":{\"comment\":\"x\",\"status\":\"pending\"}}"),
                client.get(V1 + "/invoices/42", Map.of()),
                client.get(V1 + "/shipment/42", Map.of()))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().toString()).isEqualTo(message(NOT_FOUND));
        }
    }

    @Test
    void configurableChildRowFollowsItsParentThroughInvoiceAndShipment() {
        long id = configurableOrderAsNew();
        long parentId = parents(order(id)).get(0).get("item_id").asLong();

        long invoiceId = client.post(invoiceUrl(id), "{}").body().asLong();
        assertThat(client.post(shipUrl(id), "{}").status()).isEqualTo(200);

        JsonNode order = order(id);
        JsonNode child = null;
        for (JsonNode item : order.get("items")) {
            if (item.path("parent_item_id").asLong() == parentId) {
                child = item;
            }
        }
        assertThat(child).isNotNull();
        assertThat(child.get("qty_invoiced").asInt()).isEqualTo(child.get("qty_ordered").asInt());
        assertThat(child.get("qty_shipped").asInt()).isEqualTo(child.get("qty_ordered").asInt());
        assertThat(child.get("parent_item").get("qty_shipped").asInt()).isEqualTo(child.get("qty_ordered").asInt());
        assertThat(order.get("extension_attributes").get("shipping_assignments").get(0).get("items"))
                .isEqualTo(order.get("items"));
        assertThat(order.get("state").asText()).isEqualTo("complete");
        JsonNode invoice = simulator.shop().invoice(invoiceId);
        assertThat(invoice.get("items")).hasSize(order.get("items").size());
        assertThat(simulator.shipments(id).get(0).get("items")).hasSize(parents(order).size());
    }

    // ---------------------------------------------------------------------------------------------- ship

    @Test
    void shipmentWithTracksAfterTheInvoiceCompletesTheOrder() {
        long id = newOrder(order -> true);
        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(200);

        MagentoTestClient.Response shipped = client.post(shipUrl(id), "{\"notify\":true,\"appendComment\":true,"
                + "\"comment\":{\"comment\":\"Spedito\",\"is_visible_on_front\":1},"
                + "\"tracks\":[{\"track_number\":\"00340434161094042557\",\"title\":\"DHL Paket\",\"carrier_code\":\"custom\"}]}");

        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.body().isIntegralNumber()).isTrue();
        JsonNode order = order(id);
        assertThat(order.get("state").asText()).isEqualTo("complete");
        assertThat(order.get("status").asText()).isEqualTo("complete");
        for (JsonNode item : order.get("items")) {
            assertThat(item.get("qty_shipped").decimalValue()).isEqualByComparingTo(item.get("qty_ordered").decimalValue());
        }
        JsonNode shipment = client.get(V1 + "/shipment/" + shipped.body().asLong(), Map.of()).body();
        assertThat(shipment.get("order_id").asLong()).isEqualTo(id);
        JsonNode track = shipment.get("tracks").get(0);
        assertThat(track.get("track_number").asText()).isEqualTo("00340434161094042557");
        assertThat(track.get("title").asText()).isEqualTo("DHL Paket");
        assertThat(track.get("carrier_code").asText()).isEqualTo("custom");
        assertThat(shipment.get("comments").get(0).get("comment").asText()).isEqualTo("Spedito");
        assertThat(shipment.get("comments").get(0).get("is_customer_notified").asInt()).isEqualTo(1);
        assertThat(shipment.get("items")).hasSize(parents(order).size());

        MagentoTestClient.Response invoiceOfComplete = client.post(invoiceUrl(id), "{}");
        assertThat(invoiceOfComplete.body().get("message").asText()).isEqualTo("Invoice Document Validation Error(s):\n"
                + NO_INVOICE_PRODUCTS + "\nAn invoice cannot be created when an order has a status of complete");
    }

    @Test
    void shipmentFirstLeavesTheOrderProcessingAndAPartialShipmentShipsOnlyWhatIsListed() {
        long id = newOrder(order -> parents(order).size() >= 2);
        long firstItem = parents(order(id)).get(0).get("item_id").asLong();

        MagentoTestClient.Response partial = client.post(shipUrl(id),
                "{\"items\":[{\"order_item_id\":" + firstItem + ",\"qty\":1}]}");

        assertThat(partial.status()).isEqualTo(200);
        JsonNode order = order(id);
        assertThat(order.get("state").asText()).isEqualTo("processing");
        assertThat(item(order, firstItem).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(parents(order).get(1).get("qty_shipped").asInt()).isZero();
        assertThat(client.post(shipUrl(id), "{}").status()).isEqualTo(200);
        assertThat(order(id).get("state").asText()).isEqualTo("processing");
        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(200);
        assertThat(order(id).get("state").asText()).isEqualTo("complete");
        assertThat(simulator.shipments(id)).hasSize(2);
    }

    @Test
    void trackWithoutCarrierCodeOrNumberIsRefusedAndNothingIsShipped() {
        long id = newOrder(order -> true);

        MagentoTestClient.Response noCarrier = client.post(shipUrl(id),
                "{\"tracks\":[{\"track_number\":\"123\",\"title\":\"BRT\"}]}");
        assertThat(noCarrier.status()).isEqualTo(400);
        assertThat(noCarrier.body().toString()).isEqualTo("{\"message\":\"\\\"%fieldName\\\" is required. Enter and try "
                + "again.\",\"parameters\":{\"fieldName\":\"carrier_code\"}}");

        MagentoTestClient.Response noNumber = client.post(shipUrl(id),
                "{\"tracks\":[{\"title\":\"BRT\",\"carrier_code\":\"custom\"}]}");
        assertThat(noNumber.status()).isEqualTo(400);
        assertThat(noNumber.body().get("message").asText())
                .isEqualTo("Shipment Document Validation Error(s):\nPlease enter a tracking number.");

        assertThat(simulator.shipments(id)).isEmpty();
        assertThat(order(id).get("items").get(0).get("qty_shipped").asInt()).isZero();
    }

    @Test
    void secondFullShipmentIsRefusedLikeMagento() {
        long id = newOrder(order -> true);
        assertThat(client.post(shipUrl(id), "{}").status()).isEqualTo(200);

        MagentoTestClient.Response again = client.post(shipUrl(id), "{}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("message").asText()).isEqualTo("Shipment Document Validation Error(s):\n"
                + "The order does not allow a shipment to be created.\nYou can't create a shipment without products.");
        assertThat(simulator.shipments(id)).hasSize(1);
    }

    // -------------------------------------------------------------------------------------------- cancel

    @Test
    void cancelAnswersTrueThenFalseAndCancelsEveryQuantity() {
        long id = newOrder(order -> true);

        MagentoTestClient.Response first = client.post(V1 + "/orders/" + id + "/cancel", "");
        MagentoTestClient.Response second = client.post(V1 + "/orders/" + id + "/cancel", "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().toString()).isEqualTo("true");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().toString()).isEqualTo("false");
        JsonNode order = order(id);
        assertThat(order.get("state").asText()).isEqualTo("canceled");
        assertThat(order.get("status").asText()).isEqualTo("canceled");
        for (JsonNode item : order.get("items")) {
            assertThat(item.get("qty_canceled").decimalValue()).isEqualByComparingTo(item.get("qty_ordered").decimalValue());
        }
        assertThat(order.get("total_canceled").decimalValue()).isEqualByComparingTo(order.get("grand_total").decimalValue());
        assertThat(simulator.cancelCalls(id)).isEqualTo(2);
        assertThat(client.post(invoiceUrl(id), "{}").body().get("message").asText()).isEqualTo(
                "Invoice Document Validation Error(s):\n" + NO_INVOICE_PRODUCTS
                        + "\nAn invoice cannot be created when an order has a status of canceled");
    }

    @Test
    void cancelOfAFullyInvoicedOrderAnswersFalseAndChangesNothing() {
        long id = newOrder(order -> true);
        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(200);
        JsonNode before = order(id);

        MagentoTestClient.Response cancel = client.post(V1 + "/orders/" + id + "/cancel", "");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body().asBoolean()).isFalse();
        assertThat(order(id)).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------- comment

    @Test
    void commentWithoutStatusBlanksTheOrderStatusAndOneWithStatusSetsIt() {
        long id = newOrder(order -> true);

        MagentoTestClient.Response blank = client.post(V1 + "/orders/" + id + "/comments",
                "{\"statusHistory\":{\"comment\":\"Imported as SO-1\",\"is_customer_notified\":0,"
                        + "\"is_visible_on_front\":0,\"parent_id\":" + id + "}}");

        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.body().toString()).isEqualTo("true");
        JsonNode order = order(id);
        assertThat(order.has("status")).isFalse();
        assertThat(order.get("state").asText()).isEqualTo("new");
        assertThat(order.get("status_histories").get(0).get("comment").asText()).isEqualTo("Imported as SO-1");
        assertThat(order.get("status_histories").get(0).has("status")).isFalse();

        client.post(V1 + "/orders/" + id + "/comments", "{\"statusHistory\":{\"comment\":\"Fixed\",\"is_customer_notified\":0,"
                + "\"is_visible_on_front\":0,\"parent_id\":" + id + ",\"status\":\"pending\"}}");
        JsonNode fixed = order(id);
        assertThat(fixed.get("status").asText()).isEqualTo("pending");
        assertThat(fixed.get("status_histories").get(0).get("comment").asText()).isEqualTo("Fixed");
        assertThat(fixed.get("status_histories").get(1).get("comment").asText()).isEqualTo("Imported as SO-1");
        JsonNode comments = client.get(V1 + "/orders/" + id + "/comments", Map.of()).body();
        assertThat(comments.get("total_count").asInt()).isEqualTo(2);

        MagentoTestClient.Response missing = client.post(V1 + "/orders/" + id + "/comments", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("parameters").get("fieldName").asText()).isEqualTo("statusHistory");
    }

    // ------------------------------------------------------------------------------------------- search

    @Test
    void invoicesAndShipmentsAreSearchedByOrderId() {
        List<Long> ids = newOrders(2);
        for (long id : ids) {
            assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(200);
            assertThat(client.post(shipUrl(id), "{}").status()).isEqualTo(200);
        }
        Map<String, String> byOrder = query(
                "searchCriteria[filter_groups][0][filters][0][field]", "order_id",
                "searchCriteria[filter_groups][0][filters][0][value]", Long.toString(ids.get(1)),
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "eq");

        JsonNode invoices = client.get(V1 + "/invoices", byOrder).body();
        JsonNode shipments = client.get(V1 + "/shipments", byOrder).body();

        assertThat(invoices.get("total_count").asInt()).isEqualTo(1);
        assertThat(invoices.get("items").get(0).get("order_id").asLong()).isEqualTo(ids.get(1));
        assertThat(invoices.get("search_criteria").get("filter_groups").get(0).get("filters").get(0).get("field").asText())
                .isEqualTo("order_id");
        assertThat(shipments.get("total_count").asInt()).isEqualTo(1);
        assertThat(shipments.get("items").get(0).get("order_id").asLong()).isEqualTo(ids.get(1));
        assertThat(shipments.get("items").get(0).has("tracks")).isTrue();
        assertThat(client.get(V1 + "/invoices", query("searchCriteria[pageSize]", "10")).body().get("total_count").asInt())
                .isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------- faults

    @Test
    void injectedFailureBeforeCommitDoesNothingAndTheRetrySucceeds() {
        long id = newOrder(order -> true);
        simulator.failNextWrites(1, 503);

        MagentoTestClient.Response failed = client.post(invoiceUrl(id), "{}");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body().toString()).isEqualTo(message("Service Unavailable"));
        assertThat(simulator.invoices(id)).isEmpty();
        assertThat(order(id).get("state").asText()).isEqualTo("new");
        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(200);
        assertThat(simulator.invoices(id)).hasSize(1);
    }

    @Test
    void failureAfterCommitHasDoneTheWriteSoABlindRetryOfAPartialInvoiceInvoicesTwice() {
        long id = newOrder(order -> parents(order).get(0).get("qty_ordered").asInt() >= 2);
        long itemId = parents(order(id)).get(0).get("item_id").asLong();
        String partial = "{\"items\":[{\"order_item_id\":" + itemId + ",\"qty\":1}]}";
        simulator.failAfterCommit(1);

        MagentoTestClient.Response broken = client.post(invoiceUrl(id), partial);

        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.body().get("message").asText())
                .matches("Internal Error\\. Details are available in Magento log file\\. Report ID: webapi-[0-9a-f]{13}");
        assertThat(simulator.invoices(id)).hasSize(1);
        assertThat(item(order(id), itemId).get("qty_invoiced").asInt()).isEqualTo(1);

        assertThat(client.post(invoiceUrl(id), partial).status()).isEqualTo(200);
        assertThat(simulator.invoices(id)).hasSize(2);
        assertThat(item(order(id), itemId).get("qty_invoiced").asInt()).isEqualTo(2);
    }

    @Test
    void failureAfterCommitOnAFullInvoiceMakesTheRetryA400AndHitsTheNextSuccessfulWrite() {
        long id = newOrder(order -> true);
        simulator.failAfterCommit(2, 503);

        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(503);
        assertThat(client.post(invoiceUrl(id), "{}").status()).isEqualTo(400);
        assertThat(client.post(shipUrl(id), "{}").status()).isEqualTo(503);
        assertThat(order(id).get("state").asText()).isEqualTo("complete");
        assertThat(simulator.shipments(id)).hasSize(1);
    }

    @Test
    void postBodiesAreRecordedAndOtherMethodsDoNotMatchAnyRoute() {
        long id = newOrder(order -> true);
        String body = "{\"capture\":false,\"notify\":false}";
        client.post(invoiceUrl(id), body);

        MagentoSimulator.RecordedRequest recorded = simulator.requests().get(simulator.requests().size() - 1);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo(invoiceUrl(id));
        assertThat(recorded.body()).isEqualTo(body);
        assertThat(recorded.bodyJson().get("capture").asBoolean()).isFalse();

        MagentoTestClient.Response put = client.send("PUT", invoiceUrl(id), body);
        assertThat(put.status()).isEqualTo(404);
        assertThat(put.body().toString()).isEqualTo(message("Request does not match any route."));
        assertThat(client.post(invoiceUrl(id), "{not json").body().toString()).isEqualTo(message("Decoding error."));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private long newOrder(Predicate<JsonNode> suitable) {
        return simulator.shop().orders().stream()
                .filter(order -> order.get("state").asText().equals("new") && suitable.test(order))
                .findFirst().orElseThrow().get("entity_id").asLong();
    }

    /** A generated order with a configurable line (always invoiced), turned back into a new, untouched one. */
    private long configurableOrderAsNew() {
        long id = simulator.shop().orders().stream()
                .filter(order -> order.get("state").asText().equals("processing") && order.toString().contains("parent_item_id"))
                .findFirst().orElseThrow().get("entity_id").asLong();
        simulator.shop().updateOrder(id, order -> {
            order.put("state", "new").put("status", "pending");
            for (String field : List.of("total_invoiced", "base_total_invoiced", "total_paid", "base_total_paid")) {
                order.remove(field);
            }
            order.set("total_due", order.get("grand_total"));
            order.set("base_total_due", order.get("base_grand_total"));
            order.get("items").forEach(item -> ((ObjectNode) item).put("qty_invoiced", 0).put("qty_shipped", 0)
                    .put("row_invoiced", 0).put("tax_invoiced", 0).put("discount_invoiced", 0));
        });
        return id;
    }

    private List<Long> newOrders(int count) {
        return simulator.shop().orders().stream().filter(order -> order.get("state").asText().equals("new"))
                .limit(count).map(order -> order.get("entity_id").asLong()).toList();
    }

    private JsonNode order(long id) {
        MagentoTestClient.Response response = client.get(V1 + "/orders/" + id, Map.of());
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static List<JsonNode> parents(JsonNode order) {
        List<JsonNode> parents = new ArrayList<>();
        order.get("items").forEach(item -> {
            if (!item.has("parent_item_id")) {
                parents.add(item);
            }
        });
        return parents;
    }

    private static List<Long> itemIds(JsonNode order, boolean withChildren) {
        List<Long> ids = new ArrayList<>();
        order.get("items").forEach(item -> {
            if (withChildren || !item.has("parent_item_id")) {
                ids.add(item.get("item_id").asLong());
            }
        });
        return ids;
    }

    private static JsonNode item(JsonNode order, long itemId) {
        for (JsonNode item : order.get("items")) {
            if (item.get("item_id").asLong() == itemId) {
                return item;
            }
        }
        throw new AssertionError("no item " + itemId);
    }

    private static String invoiceUrl(long id) {
        return V1 + "/order/" + id + "/invoice";
    }

    private static String shipUrl(long id) {
        return V1 + "/order/" + id + "/ship";
    }

    private static String message(String text) {
        ObjectNode body = Json.object().put("message", text);
        return body.toString();
    }
}
