package io.sincro.listing;

import io.sincro.api.ApiProblem;
import io.sincro.api.ApiRoutes;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** REST declarations of {@link ListingsApi}: listings, sales rules, sales lists, their items, transactions and log. */
@Component
public class ListingApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        onException(ApiProblem.class).handled(true).process(ApiRoutes::problem);
        onException(Exception.class).handled(true).process(ApiRoutes::problem);

        rest("/api/listings").description("Listings (\"Inserzioni\"): how articles are published on a shop account, "
                        + "with their sync rules")
                .get().id("list-listings").outType(Listing[].class).to("direct:api-list-listings")
                .post().id("create-listing").description("Create a listing: account, store, fields, description, "
                        + "warehouses, quantity and price methods, sync rules (publish, revise, relist, stop)")
                    .type(Listing.class).outType(Listing.class).to("direct:api-create-listing")
                .get("/{id}").id("get-listing").outType(Listing.class).to("direct:api-get-listing")
                .put("/{id}").id("update-listing").description("Replace a listing; its lists are evaluated at once "
                        + "(a changed description or method is a full MODIFY of every item when the revise rule asks)")
                    .type(Listing.class).outType(Listing.class).to("direct:api-update-listing")
                .delete("/{id}").id("delete-listing").description("Delete a listing no sales list uses")
                    .to("direct:api-delete-listing");

        rest("/api/sales-rules").description("Shared sales rules (\"Regole di Vendita\")")
                .get().id("list-sales-rules").outType(SalesRule[].class).to("direct:api-list-sales-rules")
                .post().id("create-sales-rule").description("Create a shared sales rule; the article filter is "
                        + "checked (422 with the position of the error)")
                    .type(SalesRule.class).outType(SalesRule.class).to("direct:api-create-sales-rule")
                .get("/{id}").id("get-sales-rule").outType(SalesRule.class).to("direct:api-get-sales-rule")
                .put("/{id}").id("update-sales-rule").description("Replace a sales rule: the edit reaches every list "
                        + "using it, each evaluated at once")
                    .type(SalesRule.class).outType(SalesRule.class).to("direct:api-update-sales-rule")
                .delete("/{id}").id("delete-sales-rule").description("Delete a sales rule, only while no list uses it")
                    .to("direct:api-delete-sales-rule");

        rest("/api/lists").description("Sales lists (\"Liste di Vendita\")")
                .get().id("list-sales-lists").outType(ListingsApi.ListView[].class).to("direct:api-list-sales-lists")
                .post().id("create-sales-list").description("Create a sales list on a listing (fixed from then on) "
                        + "with a shared rule (ruleId) or its own (rule); matching articles are added at once when the "
                        + "rule says so")
                    .type(ListingsApi.ListRequest.class).outType(ListingsApi.ListView.class)
                    .to("direct:api-create-sales-list")
                .get("/{id}").id("get-sales-list").outType(ListingsApi.ListView.class).to("direct:api-get-sales-list")
                .put("/{id}").id("update-sales-list").description("Rename the list or change its rule; it is "
                        + "evaluated at once")
                    .type(ListingsApi.ListRequest.class).outType(ListingsApi.ListView.class)
                    .to("direct:api-update-sales-list")
                .delete("/{id}").id("delete-sales-list").description("Delete the list with its items, transactions "
                        + "and log; what is published stays on the platform")
                    .to("direct:api-delete-sales-list")
                .get("/{id}/items").id("list-sales-list-items").outType(SalesList.Item[].class)
                    .to("direct:api-list-sales-list-items")
                .post("/{id}/items").id("add-sales-list-items").description("Add articles by hand (MANUAL items)")
                    .type(ListingsApi.ItemsRequest.class).outType(SalesList.Item[].class)
                    .to("direct:api-add-sales-list-items")
                .delete("/{id}/items/{code}").id("remove-sales-list-item").description("Remove a MANUAL item by "
                        + "hand (not stopped on the platform); 409 for an AUTOMATIC one")
                    .to("direct:api-remove-sales-list-item")
                .get("/{id}/transactions").id("list-sales-list-transactions")
                    .description("The transactions decided for the list's items, most urgent first: STOP, QUANTITY, "
                            + "PRICE, MODIFY, PUBLISH, RELIST")
                    .param().name("state").type(RestParamType.query).required(false)
                        .allowableValues("PENDING", "SENT", "DONE", "FAILED", "SUPERSEDED").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("offset").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .outType(ListingTransaction[].class).to("direct:api-list-sales-list-transactions")
                .get("/{id}/log").id("get-sales-list-log").description("The list's publication log, newest first; "
                        + "with article, one item's")
                    .param().name("article").type(RestParamType.query).required(false).endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .outType(ListingStore.LogEntry[].class).to("direct:api-get-sales-list-log")
                .get("/{id}/items/{code}/log").id("get-sales-list-item-log").description("One item's publication "
                        + "log, newest first: transaction, values sent, the shop's answer, time, attempts")
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .outType(ListingStore.LogEntry[].class).to("direct:api-get-sales-list-item-log")
                .post("/{id}/preview").id("preview-sales-list").description("What-if: the transactions an edited "
                        + "rule or listing (unsaved) would cause for this list; nothing is stored")
                    .type(ListingsApi.ListPreviewRequest.class).outType(ListingsApi.ListPreview.class)
                    .to("direct:api-preview-sales-list")
                .post("/{id}/deliver").id("deliver-sales-list").description("Send the list's due transactions to the "
                        + "shop now, most urgent first (also done after every rule evaluation and on a timer)")
                    .outType(CatalogueDelivery.Delivered.class).to("direct:api-deliver-sales-list")
                .post("/{id}/items/{code}/retry").id("retry-sales-list-item").description("Put the item's "
                        + "transactions the shop refused back to PENDING, to be sent again by the next delivery")
                    .to("direct:api-retry-sales-list-item");

        api("list-listings", "listings");
        api("create-listing", "createListing");
        api("get-listing", "listing");
        api("update-listing", "updateListing");
        api("delete-listing", "deleteListing");
        api("list-sales-rules", "rules");
        api("create-sales-rule", "createRule");
        api("get-sales-rule", "rule");
        api("update-sales-rule", "updateRule");
        api("delete-sales-rule", "deleteRule");
        api("list-sales-lists", "lists");
        api("create-sales-list", "createList");
        api("get-sales-list", "list");
        api("update-sales-list", "updateList");
        api("delete-sales-list", "deleteList");
        api("list-sales-list-items", "items");
        api("add-sales-list-items", "addItems");
        api("remove-sales-list-item", "removeItem");
        api("list-sales-list-transactions", "transactions");
        api("get-sales-list-log", "log");
        api("get-sales-list-item-log", "itemLog");
        api("preview-sales-list", "preview");
        from("direct:api-deliver-sales-list").routeId("api-deliver-sales-list").bean("catalogueDelivery", "deliverList");
        from("direct:api-retry-sales-list-item").routeId("api-retry-sales-list-item").bean("catalogueDelivery", "replay");
    }

    private void api(String name, String method) {
        from("direct:api-" + name).routeId("api-" + name).bean("listingsApi", method);
    }
}
