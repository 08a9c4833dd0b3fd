package io.sincro.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract checker refuses what Magento's REST schema does not have, and accepts what the hub sends. */
class MagentoContractTest {

    private final MagentoContract contract = MagentoContract.load();

    @Test
    void theFactsNameTheirSourceAndVersion() {
        assertThat(contract.source()).contains("AdobeDocs/commerce-webapi").contains("admin-schema-2.4.8.yaml")
                .contains("2.4.8");
        assertThat(contract.operations()).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void aShipmentAsTheHubSendsItConforms() {
        assertThat(contract.violations("POST", "/rest/it/V1/order/42/ship", null, """
                {"items":[{"order_item_id":421,"qty":1}],"notify":true,"appendComment":false,
                 "comment":{"comment":"Delivery note BC+1+7 [sincro:BC+1+7]","is_visible_on_front":0},
                 "tracks":[{"track_number":"00340434","title":"DHL","carrier_code":"dhl"}],
                 "arguments":{"extension_attributes":{"source_code":"magazzino-milano"}}}""")).isEmpty();
    }

    @Test
    void aBodyFieldTheSchemaLacksIsRefused() {
        assertThat(contract.violations("POST", "/rest/it/V1/order/42/ship", null,
                "{\"items\":[{\"order_item_id\":421,\"quantity\":1}]}"))
                .containsExactly("POST /V1/order/{orderId}/ship body: unknown field items[].quantity");
    }

    @Test
    void aFieldOfTheWrongTypeIsRefused() {
        assertThat(contract.violations("POST", "/rest/it/V1/order/42/invoice", null, "{\"capture\":\"no\"}"))
                .singleElement().asString().contains("capture").contains("boolean");
    }

    @Test
    void anUnknownResourceOrVerbIsRefused() {
        assertThat(contract.violations("GET", "/rest/it/V1/orders/42/items", null, null))
                .containsExactly("unknown resource GET /V1/orders/42/items");
        assertThat(contract.violations("DELETE", "/rest/it/V1/orders/42", null, null))
                .containsExactly("verb DELETE is not allowed on /V1/orders/42");
    }

    @Test
    void anUnknownSearchParameterIsRefusedAndSnakeCaseNamesAreMagentosOwn() {
        String ours = "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=updated_at"
                + "&searchCriteria%5Bfilter_groups%5D%5B1%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D=in"
                + "&searchCriteria%5BpageSize%5D=100";
        assertThat(contract.violations("GET", "/rest/it/V1/orders", ours, null)).isEmpty();
        assertThat(contract.violations("GET", "/rest/it/V1/orders",
                "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Boperator%5D=gteq", null))
                .singleElement().asString().contains("unknown query parameter");
    }

    @Test
    void aCancelTakesNoBody() {
        assertThat(contract.violations("POST", "/rest/it/V1/orders/42/cancel", null, "")).isEmpty();
        assertThat(contract.violations("POST", "/rest/it/V1/orders/42/cancel", null, "{\"reason\":\"x\"}"))
                .singleElement().asString().contains("takes no body");
    }
}
