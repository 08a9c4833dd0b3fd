package io.sincro.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The hub's REST API, served by Spring Boot's web server through platform-http. Its OpenAPI
 * description is at {@code /api/openapi.json}. Refusals answer {@code {"error": "..."}} with the
 * status that fits; a request is never dead-lettered.
 */
@Component
public class ApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.json)
                .inlineRoutes(false)
                .clientRequestValidation(true)
                .apiContextPath("/api/openapi.json")
                .apiProperty("api.title", "Sincro integration hub")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Shop accounts, order syncs, runs, orders and dead letters");

        onException(ApiProblem.class).handled(true).process(ApiRoutes::problem);
        onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "API call ${routeId} failed: ${exception.stacktrace}")
                .process(ApiRoutes::problem);
        onException(com.fasterxml.jackson.core.JsonProcessingException.class,
                org.apache.camel.InvalidPayloadException.class).handled(true).process(ApiRoutes::problem);

        rest("/api/accounts").description("Shop accounts")
                .get().id("list-accounts").description("All shop accounts (secrets never shown)")
                    .outType(AccountsApi.AccountView[].class).to("direct:api-list-accounts")
                .post().id("create-account").description("Create a shop account")
                    .type(AccountsApi.AccountRequest.class).outType(AccountsApi.AccountView.class)
                    .to("direct:api-create-account")
                .get("/{id}").id("get-account").outType(AccountsApi.AccountView.class).to("direct:api-get-account")
                .put("/{id}").id("update-account").description("Change an account; omitted secrets are kept")
                    .type(AccountsApi.AccountRequest.class).outType(AccountsApi.AccountView.class)
                    .to("direct:api-update-account")
                .delete("/{id}").id("delete-account").to("direct:api-delete-account")
                .post("/{id}/sync/orders").id("sync-orders")
                    .description("Start an order sync of the account: 202 with the run id, 409 when one is running")
                    .outType(AccountsApi.SyncStarted.class).to("direct:api-sync-orders");

        rest("/api/runs").description("Sync runs")
                .get().id("list-runs").param().name("account").type(RestParamType.query).required(false).endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .to("direct:api-list-runs")
                .get("/{id}").id("get-run").to("direct:api-get-run");

        rest("/api/orders").description("Orders in the hub")
                .get().id("list-orders").description("Orders, newest first; held ones carry their reasons")
                    .param().name("account").type(RestParamType.query).required(false).endParam()
                    .param().name("state").type(RestParamType.query).required(false)
                        .allowableValues("NEW", "HELD", "STORED").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("offset").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .to("direct:api-list-orders")
                .get("/{id}").id("get-order").to("direct:api-get-order")
                .post().id("post-order").description("A storefront order: stored, then inserted into the ERP at once "
                        + "when it answers (201 with its ERP key), else pending for the next partial ERP sync (202)")
                    .type(io.sincro.model.Order.class).outType(io.sincro.sync.StorefrontOrders.Insertion.class)
                    .to("direct:api-post-order");

        rest("/api/erp").description("ERP syncs")
                .post("/sync/{kind}").id("request-erp-sync")
                    .description("Start an ERP sync: full (everything the hub uses), delta (what changed since the "
                            + "last successful one) or partial (push what is pending). 202 with the run id; 409 with "
                            + "the reason when it cannot run now (one is running, or the monthly quota is used up)")
                    .param().name("kind").type(RestParamType.path).allowableValues("full", "delta", "partial")
                        .endParam()
                    .to("direct:api-request-erp-sync")
                .get("/quota").id("erp-sync-quota")
                    .description("Full and delta syncs used and allowed this month (partial syncs never count)")
                    .outType(io.sincro.sync.ErpSyncs.Quota.class).to("direct:api-erp-sync-quota");

        rest("/api/dead-letters").description("Messages that failed after every redelivery")
                .get().id("list-dead-letters")
                    .param().name("state").type(RestParamType.query).required(false)
                        .allowableValues("OPEN", "REPLAYED", "REPLAY_FAILED").endParam()
                    .param().name("account").type(RestParamType.query).required(false).endParam()
                    .to("direct:api-list-dead-letters")
                .post("/{id}/replay").id("replay-dead-letter").to("direct:api-replay-dead-letter");

        api("list-accounts", "accountsApi", "list");
        api("create-account", "accountsApi", "create");
        api("get-account", "accountsApi", "get");
        api("update-account", "accountsApi", "update");
        api("delete-account", "accountsApi", "delete");
        api("sync-orders", "accountsApi", "syncOrders");
        api("list-runs", "monitoringApi", "runs");
        api("get-run", "monitoringApi", "run");
        api("list-orders", "monitoringApi", "orders");
        api("get-order", "monitoringApi", "order");
        api("post-order", "erpApi", "postOrder");
        api("request-erp-sync", "erpApi", "sync");
        api("erp-sync-quota", "erpApi", "quota");
        api("list-dead-letters", "monitoringApi", "deadLetters");
        api("replay-dead-letter", "monitoringApi", "replay");
    }

    private void api(String name, String bean, String method) {
        from("direct:api-" + name).routeId("api-" + name).bean(bean, method);
    }

    public static void problem(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean badBody = e instanceof com.fasterxml.jackson.core.JsonProcessingException
                || e instanceof org.apache.camel.InvalidPayloadException;
        int status = e instanceof ApiProblem p ? p.status() : badBody ? 400 : 500;
        String message = e instanceof ApiProblem ? e.getMessage()
                : badBody ? "the request body is not valid JSON for this call: " + e.getMessage()
                : "internal error: " + e.getClass().getSimpleName() + " (details in the hub's log)";
        exchange.getMessage().removeHeaders("*", "Content-Type");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(java.util.Map.of("error", message));
    }
}
