package io.sincro.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * Declares in the OpenAPI document the status codes each operation really answers: Camel documents a
 * bare 200 for every call, while the API creates (201), accepts work that goes on (202), answers with
 * nothing (204), and refuses with problems (400, 404, 409, 413, 415). One table by operation id, next
 * to the generic refusals every body or every path id can meet. Roles' 401 and 403 are added by the
 * security configuration.
 */
@Component
public class OpenApiResponses implements CamelContextConfiguration {

    private static final String OK = "200";
    private static final Map<String, Map<String, String>> ANSWERS = new LinkedHashMap<>();

    static {
        answers("create-account", "201", "created: the account as the API shows it (secrets never shown)",
                "409", "an account with this id exists");
        answers("update-account", OK, "the account as it now is");
        answers("patch-account", OK, "the account as it now is");
        answers("delete-account", "204", "deleted", "409", "the account has orders or customers in the hub");
        answers("sync-orders", "202", "started: runId, and the run in Location", "409",
                "an order sync of the account is running (runId, node, since)");
        answers("sync-customers", "202", "started: runId, and the run in Location", "409",
                "a customer sync of the account is running (runId, node, since)");
        answers("put-account-schedule", OK, "the schedule saved, with its next run", "409",
                "the schedule is set in configuration");
        answers("reset-account-schedule", OK, "the schedule cleared");
        answers("post-order", "201", "written into the ERP: its key and year", "202",
                "stored, waiting for the ERP (with the reason)");
        answers("retry-order", OK, "the order after the retry: NEW (on its way to the ERP) or HELD with the new "
                + "reasons", "409", "the order is not held (already in the ERP, or waiting for it)");
        answers("retry-orders", OK, "how many were retried, released and still held, and each order's outcome");
        answers("request-erp-sync", "202", "started: runId and kind", "409",
                "a full or delta sync is running (runId), or the monthly quota is used up (renewsOn)");
        answers("put-erp-schedule", OK, "the schedule saved, with its next run", "409",
                "the schedule is set in configuration");
        answers("reset-erp-schedule", OK, "the schedule cleared");
        answers("retry-erp-login", OK, "the login guard after the probe");
        answers("replay-dead-letter", OK, "the dead letter after its replay");
        answers("preview-filter", OK, "the count of matching articles and the first of them", "422",
                "the filter cannot be read: errors[0] has its position and what was expected");
        answers("create-key", "201", "created: the key, shown this once");
        answers("revoke-key", OK, "the key, revoked");
        answers("create-user", "201", "created", "409", "a user with this name exists");
        answers("delete-user", "204", "deleted");
        answers("create-listing", "201", "created: the listing", "422", "no such shop account, or the hub's storefront");
        answers("update-listing", OK, "the listing as it now is", "422",
                "no such shop account, or its lists have rules of another marketplace");
        answers("delete-listing", "204", "deleted", "409", "sales lists use the listing (named)");
        answers("create-sales-rule", "201", "created: the rule", "422", "the article filter is not valid (position, expected)");
        answers("update-sales-rule", OK, "the rule as it now is; its lists evaluated", "422",
                "the article filter is not valid (position, expected), or lists of another marketplace use the rule");
        answers("delete-sales-rule", "204", "deleted", "409", "sales lists use the rule (named)");
        answers("create-sales-list", "201", "created: the list, its matching articles added and evaluated", "422",
                "no such listing or shared rule, or the rule is for another marketplace");
        answers("update-sales-list", OK, "the list as it now is, evaluated", "422",
                "the listing is fixed, or the rule is for another marketplace");
        answers("delete-sales-list", "204", "deleted (what is published stays on the platform)");
        answers("add-sales-list-items", "201", "the items of those articles", "422", "articles the hub does not have");
        answers("remove-sales-list-item", "204", "removed from the list (not stopped on the platform)", "409",
                "the item is automatic: it leaves only when it no longer matches the filter");
        answers("preview-sales-list", OK, "the transactions the edit would cause; nothing stored", "422",
                "the article filter is not valid, or the rule is for another marketplace");
        answers("deliver-sales-list", OK, "what the delivery sent, done, refused and left to retry");
        answers("retry-sales-list-item", OK, "the item's refused transactions are pending again", "409",
                "the item has no refused transaction");
    }

    private static void answers(String operation, String... codesAndMessages) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < codesAndMessages.length; i += 2) {
            answers.put(codesAndMessages[i], codesAndMessages[i + 1]);
        }
        ANSWERS.put(operation, answers);
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getResponseMsgs() == null) {
                    verb.setResponseMsgs(new ArrayList<>());
                }
                Map<String, String> answers = answersOf(rest, verb);
                String model = verb.getOutType();
                if (model != null && !answers.containsKey(OK)) {
                    // Camel documents its out type as a 200: a call that creates or accepts says so with its own code
                    verb.setOutType(null);
                }
                answers.forEach((code, message) -> {
                    ResponseMessageDefinition response = new ResponseMessageDefinition(verb);
                    response.setCode(code);
                    response.setMessage(message);
                    if (code.startsWith("2") && model != null) {
                        response.setResponseModel(model);
                    }
                    verb.getResponseMsgs().add(response);
                });
            }
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    /** What an operation answers: its own codes, else 200, then the refusals its body and path can meet. */
    static Map<String, String> answersOf(RestDefinition rest, VerbDefinition verb) {
        Map<String, String> answers = new LinkedHashMap<>(ANSWERS.getOrDefault(verb.getId(), Map.of()));
        if (answers.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            answers.put(OK, "the answer");
        }
        String verbName = verb.asVerb();
        boolean writes = List.of("post", "put", "patch", "delete").contains(verbName);
        String path = (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
        if (writes || verb.getParams() != null && !verb.getParams().isEmpty() || path.contains("{")) {
            answers.putIfAbsent("400", "the request is not valid: application/problem+json naming each field");
        }
        if (path.contains("{")) {
            answers.putIfAbsent("404", "no such record (application/problem+json)");
        }
        if (writes) {
            answers.putIfAbsent("413", "the body is larger than sincro.api.max-body-size (application/problem+json)");
            answers.putIfAbsent("415", "the body is not " + ("patch".equals(verbName) ? "application/merge-patch+json"
                    : "application/json") + " (application/problem+json)");
        }
        return answers;
    }
}
