package io.sincro.sandbox;

import io.sincro.api.ApiProblem;
import io.sincro.api.ApiRoutes;
import io.sincro.sandbox.erp.ErpSimulator;
import java.time.LocalDate;
import java.util.Map;
import org.apache.camel.Header;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The sandbox only: what a merchant would do to an order in the ERP, so that a newcomer can watch the
 * next delta sync tell the shop: {@code POST /api/sandbox/erp/orders/{key}/cancel}, {@code …/deliver}
 * (delivery note with carrier 2 and a tracking number), {@code …/invoice}. The key is the order's
 * {@code erpKey}, e.g. {@code OC+1+3}.
 */
@Component("sandboxErpConsole")
@Profile("sandbox")
public class SandboxErpConsole extends RouteBuilder {

    private final ErpSimulator erp;

    public SandboxErpConsole(ErpSimulator erp) {
        this.erp = erp;
    }

    @Override
    public void configure() {
        onException(ApiProblem.class).handled(true).process(ApiRoutes::problem);
        rest("/api/sandbox/erp/orders").description("Sandbox: act as the merchant in the sandbox ERP")
                .post("/{key}/{action}").id("sandbox-erp-action")
                    .description("cancel, deliver (delivery note with tracking) or invoice an order in the sandbox ERP")
                    .to("direct:sandbox-erp-action");
        from("direct:sandbox-erp-action").routeId("sandbox-erp-action").bean("sandboxErpConsole", "act");
    }

    public Map<String, String> act(@Header("key") String key, @Header("action") String action) {
        try {
            return switch (action) {
                case "cancel" -> {
                    erp.cancelOrder(key);
                    yield Map.of("order", key, "done", "every row cancelled");
                }
                case "deliver" -> Map.of("order", key, "deliveryNote",
                        erp.deliver(key, null, "2", "SANDBOX-" + key.replace('+', '-'), LocalDate.now()));
                case "invoice" -> Map.of("order", key, "invoice", erp.invoice(key, null, null, null));
                default -> throw ApiProblem.notFound("sandbox action " + action + " (cancel, deliver or invoice)");
            };
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.badRequest(refused.getMessage());
        }
    }
}
