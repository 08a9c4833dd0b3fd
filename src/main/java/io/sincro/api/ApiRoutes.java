package io.sincro.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The hub's REST API, served by Spring Boot's web server through platform-http. Its OpenAPI
 * description is at {@code /api/openapi.json}. Refusals answer RFC 9457 {@code application/problem+json}
 * ({@link ApiProblem}) with the status that fits; a request is never dead-lettered. Bodies are judged
 * before any route runs ({@link ApiRequestGuard}); query parameters by each call, so a wrong one is a
 * problem document too (Camel's own client request validation is off: its refusals are plain text).
 */
@Component
public class ApiRoutes extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiRoutes.class);

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.json)
                .inlineRoutes(false)
                .clientRequestValidation(false)
                // the binding says application/json itself when a call sets no type: a problem keeps its own
                .dataFormatProperty("contentTypeHeader", "false")
                .apiContextPath("/api/openapi.json")
                // the document's server is the base the caller reached it at (Host, or X-Forwarded-* behind a
                // proxy; see OpenApiServer), not the address the hub listens on (0.0.0.0)
                .useXForwardHeaders(true)
                .apiProperty("api.title", "Sincro integration hub")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Shop accounts, order syncs, runs, orders and dead letters");

        // one handler: Camel matches the innermost cause first, so a Jackson error caused by a date parse
        // would otherwise land in a catch-all; problem() tells the caller's mistakes from the hub's own
        onException(Exception.class).handled(true).process(ApiRoutes::problem);

        rest("/api/accounts").description("Shop accounts")
                .get().id("list-accounts").description("All shop accounts (secrets never shown)")
                    .outType(AccountsApi.AccountView[].class).to("direct:api-list-accounts")
                .post().id("create-account").description("Create a shop account")
                    .type(AccountsApi.AccountRequest.class).outType(AccountsApi.AccountView.class)
                    .to("direct:api-create-account")
                .get("/{id}").id("get-account").outType(AccountsApi.AccountView.class).to("direct:api-get-account")
                .put("/{id}").id("update-account").description("Replace an account: every member is sent "
                        + "(one the account has and the body leaves out is refused); omitted secrets are kept while "
                        + "baseUrl and platform stay the same")
                    .type(AccountsApi.AccountRequest.class).outType(AccountsApi.AccountView.class)
                    .to("direct:api-update-account")
                .patch("/{id}").id("patch-account").consumes("application/merge-patch+json")
                    .description("Change only the members sent (JSON Merge Patch, RFC 7396; null removes a member)")
                    // a merge patch is any object (null members included): bound as a map, read in AccountsApi
                    .type(java.util.Map.class).outType(AccountsApi.AccountView.class)
                    .to("direct:api-patch-account")
                .delete("/{id}").id("delete-account").to("direct:api-delete-account")
                .post("/{id}/sync/orders").id("sync-orders")
                    .description("Start an order sync of the account: 202 with the run id, 409 when one is running")
                    .outType(AccountsApi.SyncStarted.class).to("direct:api-sync-orders")
                .post("/{id}/sync/customers").id("sync-customers")
                    .description("Refresh every customer the hub knows from this account from the shop (new shop "
                            + "customers are not imported); the changes go to the ERP with a partial sync. 202 "
                            + "with the run id, 409 when one is running")
                    .to("direct:api-sync-customers")
                .get("/{id}/schedule").id("get-account-schedule")
                    .description("The account's schedule, where it came from (CONFIG or API) and its next run")
                    .outType(io.sincro.schedule.SyncSchedules.View.class).to("direct:api-get-account-schedule")
                .put("/{id}/schedule").id("put-account-schedule")
                    .description("Set the account's schedule: frequency HOURLY (everyHours), DAILY (runsPerDay), "
                            + "WEEKLY (days), MONTHLY (dayOfMonth) or EVERY_N_DAYS (everyDays), with at, "
                            + "windowStart, windowEnd, zone (Europe/Rome by default)")
                    .type(io.sincro.schedule.Schedule.class).outType(io.sincro.schedule.SyncSchedules.View.class)
                    .to("direct:api-put-account-schedule")
                .get("/{id}/schedule/preview").id("preview-account-schedule")
                    .description("The next runs of the saved schedule (\"Test\")")
                    .param().name("count").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("from").type(RestParamType.query).required(false)
                        .description("preview from this instant (ISO-8601) instead of now").endParam()
                    .outType(SchedulesApi.Preview.class).to("direct:api-preview-account-schedule")
                .post("/{id}/schedule/preview").id("preview-unsaved-account-schedule")
                    .description("The next runs of the schedule in the body, before saving it")
                    .param().name("count").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("from").type(RestParamType.query).required(false)
                        .description("preview from this instant (ISO-8601) instead of now").endParam()
                    .type(io.sincro.schedule.Schedule.class).outType(SchedulesApi.Preview.class)
                    .to("direct:api-preview-unsaved-account-schedule")
                .post("/{id}/schedule/reset").id("reset-account-schedule")
                    .description("Clear the schedule and its planned runs (\"Reset\"): the account syncs by hand only")
                    .to("direct:api-reset-account-schedule");

        rest("/api/runs").description("Sync runs")
                .get().id("list-runs").param().name("account").type(RestParamType.query).required(false).endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .outType(io.sincro.store.SyncRuns.SyncRun[].class).to("direct:api-list-runs")
                .get("/{id}").id("get-run").outType(MonitoringApi.RunView.class).to("direct:api-get-run");

        rest("/api/orders").description("Orders in the hub")
                .get().id("list-orders").description("Orders, newest first; held ones carry their reasons. Every "
                        + "parameter given must match")
                    .param().name("account").type(RestParamType.query).required(false).endParam()
                    .param().name("number").type(RestParamType.query).required(false)
                        .description("the shop's order number, exactly").endParam()
                    .param().name("erpKey").type(RestParamType.query).required(false)
                        .description("the ERP key as shown, e.g. OC+1+3, or with its year, OC+1+3/2027 (+ is %2B)")
                        .endParam()
                    .param().name("customer").type(RestParamType.query).required(false)
                        .description("part of the customer's e-mail or name, in any case").endParam()
                    .param().name("state").type(RestParamType.query).required(false)
                        .allowableValues("NEW", "HELD", "STORED").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("offset").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .outType(io.sincro.store.Orders.StoredOrder[].class).to("direct:api-list-orders")
                .get("/{id}").id("get-order").outType(MonitoringApi.OrderView.class).to("direct:api-get-order")
                .post("/{id}/retry").id("retry-order")
                    .description("Retry a held order: mapped again from the shop data kept at import, with the "
                            + "account's current settings; it goes on to the ERP (state NEW, the partial ERP sync "
                            + "takes it) when nothing holds it any more, else stays HELD with the new reasons. 409 "
                            + "when the order is not held (already in the ERP: never imported twice)")
                    .outType(MonitoringApi.OrderView.class).to("direct:api-retry-order")
                .post("/retry").id("retry-orders")
                    .description("Retry several held orders: {\"ids\": [..]} or {\"account\": \"x\"} (every held "
                            + "order of the account). Each order on its own: one not held is reported with its reason, "
                            + "the others go on")
                    .type(OrdersApi.RetryRequest.class).outType(OrdersApi.RetrySummary.class)
                    .to("direct:api-retry-orders")
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
                .get("/schedule").id("get-erp-schedule")
                    .description("The ERP delta sync's schedule, where it came from and its next run")
                    .outType(io.sincro.schedule.SyncSchedules.View.class).to("direct:api-get-erp-schedule")
                .put("/schedule").id("put-erp-schedule")
                    .description("Set the ERP delta sync's schedule: EVERY_N_DAYS with everyDays, days (allowed "
                            + "weekdays), at, windowStart, windowEnd")
                    .type(io.sincro.schedule.Schedule.class).outType(io.sincro.schedule.SyncSchedules.View.class)
                    .to("direct:api-put-erp-schedule")
                .get("/schedule/preview").id("preview-erp-schedule")
                    .param().name("count").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("from").type(RestParamType.query).required(false)
                        .description("preview from this instant (ISO-8601) instead of now").endParam()
                    .outType(SchedulesApi.Preview.class).to("direct:api-preview-erp-schedule")
                .post("/schedule/preview").id("preview-unsaved-erp-schedule")
                    .param().name("count").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("from").type(RestParamType.query).required(false)
                        .description("preview from this instant (ISO-8601) instead of now").endParam()
                    .type(io.sincro.schedule.Schedule.class).outType(SchedulesApi.Preview.class)
                    .to("direct:api-preview-unsaved-erp-schedule")
                .post("/schedule/reset").id("reset-erp-schedule").to("direct:api-reset-erp-schedule")
                .get("/quota").id("erp-sync-quota")
                    .description("Full and delta syncs used and allowed this month (partial syncs never count)")
                    .outType(io.sincro.sync.ErpSyncs.Quota.class).to("direct:api-erp-sync-quota")
                .get("/login").id("erp-login")
                    .description("The ERP login guard: OK, or REFUSED (when, on which node, what the ERP said) while "
                            + "every ERP call is stopped after the ERP refused the hub's login")
                    .to("direct:api-erp-login")
                .post("/login/retry").id("retry-erp-login")
                    .description("Lift the ERP login guard: one call tries the login; when the ERP accepts it a "
                            + "partial ERP sync delivers what waited. The guard's state after the probe")
                    .to("direct:api-retry-erp-login");

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
        api("patch-account", "accountsApi", "patch");
        api("delete-account", "accountsApi", "delete");
        api("sync-orders", "accountsApi", "syncOrders");
        api("sync-customers", "schedulesApi", "syncCustomers");
        api("get-account-schedule", "schedulesApi", "get");
        api("put-account-schedule", "schedulesApi", "put");
        api("preview-account-schedule", "schedulesApi", "previewSaved");
        api("preview-unsaved-account-schedule", "schedulesApi", "previewUnsaved");
        api("reset-account-schedule", "schedulesApi", "reset");
        api("get-erp-schedule", "schedulesApi", "getErp");
        api("put-erp-schedule", "schedulesApi", "putErp");
        api("preview-erp-schedule", "schedulesApi", "previewErpSaved");
        api("preview-unsaved-erp-schedule", "schedulesApi", "previewErpUnsaved");
        api("reset-erp-schedule", "schedulesApi", "resetErp");
        api("list-runs", "monitoringApi", "runs");
        api("get-run", "monitoringApi", "run");
        api("list-orders", "monitoringApi", "orders");
        api("get-order", "monitoringApi", "order");
        api("retry-order", "ordersApi", "retry");
        api("retry-orders", "ordersApi", "retryMany");
        api("post-order", "erpApi", "postOrder");
        api("request-erp-sync", "erpApi", "sync");
        api("erp-sync-quota", "erpApi", "quota");
        api("erp-login", "erpLogin", "status");
        api("retry-erp-login", "erpLogin", "retry");
        api("list-dead-letters", "monitoringApi", "deadLetters");
        api("replay-dead-letter", "monitoringApi", "replay");
    }

    private void api(String name, String bean, String method) {
        from("direct:api-" + name).routeId("api-" + name).bean(bean, method);
    }

    /** Every refusal as RFC 9457 problem+json; an unexpected failure is a 500 whose details stay in the log. */
    public static void problem(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ApiProblem problem = asProblem(e);
        if (problem.status() >= 500) {
            // the hub's own failure: the stack trace in the log (never the request body), not in the answer
            LOG.error("API call {} failed", exchange.getFromRouteId(), e);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody(problem.body());
    }

    static ApiProblem asProblem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem p) {
                return p;
            }
            if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    && !(cause instanceof com.fasterxml.jackson.core.JsonParseException)) {
                return RequestChecks.unbindable(m);
            }
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                return ApiRequestGuard.malformed(j);
            }
            if (cause instanceof org.apache.camel.InvalidPayloadException) {
                return ApiProblem.invalid("body", "is not valid JSON for this call");
            }
        }
        return new ApiProblem(500, "internal error: " + (e == null ? "unknown" : e.getClass().getSimpleName())
                + " (details in the hub's log)");
    }
}
