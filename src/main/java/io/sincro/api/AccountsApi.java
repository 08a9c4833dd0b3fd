package io.sincro.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.OrderSyncs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Shop accounts over the API: secrets can be written, never read back, and stay with their shop (a
 * change of address or platform clears them unless new ones come in the same request). {@code PUT}
 * replaces the whole account; {@code PATCH} (JSON Merge Patch, RFC 7396) changes only what it sends.
 * Every body is checked whole before anything is stored.
 */
@Component("accountsApi")
public class AccountsApi {

    /** What a client sends to create or change an account; secrets left out keep their stored value. */
    public record AccountRequest(
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lower-case letters, digits and dashes, "
                    + "at most 64") String id,
            @Size(max = 200) String name,
            Platform platform,
            @Size(max = 500) @Pattern(regexp = "https?://[^\\s/?#@]+(/[^\\s?#]*)?", message = "must be the shop's "
                    + "http(s) address, e.g. https://shop.example.it") String baseUrl,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a store view code (letters, digits, "
                    + "underscore)") String storeCode,
            @Valid ShopCredentials credentials,
            @Valid AccountSettings settings,
            Instant orderWatermark) {
    }

    /** Which credentials are set, without their values. */
    public record CredentialsView(ShopCredentials.AuthMode mode, boolean consumerKeySet, boolean consumerSecretSet,
            boolean accessTokenSet, boolean accessTokenSecretSet) {
    }

    public record AccountView(String id, String name, Platform platform, String baseUrl, String storeCode,
            CredentialsView credentials, AccountSettings settings, Instant orderWatermark) {

        static AccountView of(ShopAccount a) {
            ShopCredentials c = a.credentials();
            return new AccountView(a.id(), a.name(), a.platform(), a.baseUrl(), a.storeCode(),
                    new CredentialsView(c.mode(), set(c.consumerKey()), set(c.consumerSecret()), set(c.accessToken()),
                            set(c.accessTokenSecret())),
                    a.settings(), a.orderWatermark());
        }

        private static boolean set(String value) {
            return value != null && !value.isBlank();
        }
    }

    public record SyncStarted(long runId, String state, String run) {
    }

    private final ShopAccounts accounts;
    private final OrderSyncs orderSyncs;
    private final RequestChecks checks;
    private final ObjectMapper json;

    public AccountsApi(ShopAccounts accounts, OrderSyncs orderSyncs, RequestChecks checks, ObjectMapper json) {
        this.accounts = accounts;
        this.orderSyncs = orderSyncs;
        this.checks = checks;
        this.json = json;
    }

    public List<AccountView> list() {
        return accounts.findAll().stream().map(AccountView::of).toList();
    }

    public AccountView get(@Header("id") String id) {
        return accounts.find(id).map(AccountView::of).orElseThrow(() -> ApiProblem.notFound("account " + id));
    }

    public AccountView create(AccountRequest request, Exchange exchange) {
        checks.valid(request, "");
        if (request.id() == null) {
            throw ApiProblem.invalid("id", "is required: lower-case letters, digits and dashes, at most 64");
        }
        if (accounts.find(request.id()).isPresent()) {
            throw new ApiProblem(409, "account " + request.id() + " already exists");
        }
        ShopAccount account = validated(request.id(), request, null);
        accounts.create(account);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader("Location", "/api/accounts/" + account.id());
        return AccountView.of(account);
    }

    /**
     * {@code PUT}: the body is the whole account. A member the account has and the body leaves out is
     * refused rather than reset (a PUT of {@code {"settings":{}}} would wipe the payment and carrier
     * tables): send it again, or send it empty to clear it explicitly. Secrets are write-only: left out,
     * they are kept, unless the shop's address or platform changes.
     */
    public AccountView update(@Header("id") String id, AccountRequest request, Exchange exchange) {
        checks.valid(request, "");
        ShopAccount current = accounts.find(id).orElseThrow(() -> ApiProblem.notFound("account " + id));
        JsonNode sent = RawBody.of(exchange);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        sameId(id, request.id(), errors);
        boolean storefront = request.platform() == Platform.STOREFRONT;
        // a PrestaShop shop has no store view: its shop is settings.prestashop.shopId
        boolean prestashop = request.platform() == Platform.PRESTASHOP;
        for (String member : storefront ? List.of("name", "platform", "settings")
                : prestashop ? List.of("name", "platform", "baseUrl", "settings")
                : List.of("name", "platform", "baseUrl", "storeCode", "settings")) {
            if (!sent.hasNonNull(member)) {
                errors.add(new ApiProblem.FieldError(member, "is required: PUT replaces the whole account "
                        + "(PATCH with application/merge-patch+json changes only the fields sent)"));
            }
        }
        if (sent.path("settings").isObject()) {
            JsonNode now = json.valueToTree(current.settings());
            JsonNode defaults = json.valueToTree(AccountSettings.defaults());
            for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!sent.path("settings").has(name) && !now.get(name).equals(defaults.get(name))) {
                    errors.add(new ApiProblem.FieldError("settings." + name, "is left out, which would drop what "
                            + "the account has: send it again, or send it empty (or its default) to clear it"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return store(id, request, current);
    }

    /** {@code PATCH} (JSON Merge Patch): what the body names changes, a {@code null} removes it, the rest stays. */
    public AccountView patch(@Header("id") String id, Exchange exchange) {
        ShopAccount current = accounts.find(id).orElseThrow(() -> ApiProblem.notFound("account " + id));
        JsonNode patch = RawBody.of(exchange);
        if (patch == null || !patch.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON merge patch object");
        }
        ObjectNode now = json.createObjectNode();
        now.put("id", current.id());
        now.put("name", current.name());
        now.put("platform", current.platform().name());
        if (current.baseUrl() != null && !current.baseUrl().isBlank()) {
            now.put("baseUrl", current.baseUrl()); // a storefront has none
        }
        now.put("storeCode", current.storeCode());
        now.set("settings", json.valueToTree(current.settings()));
        ObjectNode changes = patch.deepCopy();
        JsonNode credentials = changes.remove("credentials");
        JsonNode watermark = changes.remove("orderWatermark");
        JsonNode merged = mergePatch(now, changes);
        AccountRequest merge = read(merged, AccountRequest.class, "");
        ShopCredentials sentCredentials = credentials == null || credentials.isNull() ? null
                : read(credentials, ShopCredentials.class, "credentials");
        Instant sentWatermark = watermark == null || watermark.isNull() ? null
                : read(watermark, Instant.class, "orderWatermark");
        AccountRequest request = new AccountRequest(merge.id(), merge.name(), merge.platform(), merge.baseUrl(),
                merge.storeCode(), sentCredentials, merge.settings(), sentWatermark);
        checks.valid(request, "");
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        sameId(id, request.id(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return store(id, request, current);
    }

    private <T> T read(JsonNode node, Class<T> type, String prefix) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonMappingException wrong) {
            ApiProblem problem = RequestChecks.unbindable(wrong);
            ApiProblem.FieldError error = problem.errors().get(0);
            throw prefix.isEmpty() ? problem : ApiProblem.invalid(error.field().equals("body") ? prefix
                    : prefix + "." + error.field(), error.message());
        } catch (com.fasterxml.jackson.core.JsonProcessingException wrong) {
            throw ApiProblem.invalid(prefix.isEmpty() ? "body" : prefix, "is not valid here");
        }
    }

    private AccountView store(String id, AccountRequest request, ShopAccount current) {
        ShopAccount account = validated(id, request, current);
        accounts.update(account);
        if (request.orderWatermark() != null && !request.orderWatermark().equals(current.orderWatermark())) {
            accounts.setWatermark(id, request.orderWatermark());
        }
        return get(id);
    }

    private static void sameId(String id, String sent, List<ApiProblem.FieldError> errors) {
        if (sent != null && !sent.equals(id)) {
            errors.add(new ApiProblem.FieldError("id", "is " + id + " (the address of this account) and cannot change"));
        }
    }

    /** RFC 7396: members of the patch replace the target's, objects merge, null removes. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    public void delete(@Header("id") String id, Exchange exchange) {
        if (accounts.find(id).isEmpty()) {
            throw ApiProblem.notFound("account " + id);
        }
        if (accounts.isReferenced(id)) {
            throw new ApiProblem(409, "account " + id + " has orders, customers or listings in the hub and cannot be deleted");
        }
        accounts.delete(id);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    public Object syncOrders(@Header("id") String id, Exchange exchange) {
        OrderSyncs.Start start;
        try {
            start = orderSyncs.request(id, "MANUAL").orElseThrow(() -> ApiProblem.notFound("account " + id));
        } catch (IllegalArgumentException notPolled) {
            throw ApiProblem.badRequest(notPolled.getMessage());
        }
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            throw ApiProblem.running(running.message(), running.runId(), running.node(), running.since());
        }
        long runId = ((OrderSyncs.Started) start).runId();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + runId);
        return new SyncStarted(runId, "RUNNING", "/api/runs/" + runId);
    }

    /**
     * The account to store. Its secrets are the stored ones only while the shop stays the same: a new
     * {@code baseUrl} or platform keeps none of them (they belong to the old shop), so a caller who changes
     * the address cannot have the hub send the old shop's token there.
     */
    private static ShopAccount validated(String id, AccountRequest request, ShopAccount current) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String name = pick(request.name(), current == null ? null : current.name());
        Platform platform = request.platform() != null ? request.platform()
                : current == null ? Platform.MAGENTO : current.platform();
        String baseUrl = pick(request.baseUrl(), current == null ? null : current.baseUrl());
        String storeCode = pick(request.storeCode(), current == null ? "default" : current.storeCode());
        if (name == null || name.isBlank()) {
            errors.add(new ApiProblem.FieldError("name", "is required"));
        }
        AccountSettings settings = request.settings() != null ? request.settings()
                : current == null ? AccountSettings.defaults() : current.settings();
        if (platform == Platform.STOREFRONT) {
            if (!errors.isEmpty()) {
                throw ApiProblem.invalid(errors);
            }
            return new ShopAccount(id, name, platform, baseUrl == null ? "" : baseUrl, storeCode,
                    new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, null, null), settings, null);
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            errors.add(new ApiProblem.FieldError("baseUrl", "is required: the shop's http(s) address, e.g. "
                    + "https://shop.example.it"));
        }
        boolean sameShop = current != null && Objects.equals(baseUrl, current.baseUrl())
                && platform == current.platform();
        ShopCredentials kept = sameShop ? current.credentials() : current == null ? null
                : new ShopCredentials(current.credentials().mode(), null, null, null, null);
        ShopCredentials sent = request.credentials();
        if (sent != null && sent.mode() == null && platform == Platform.PRESTASHOP) {
            // a PrestaShop shop has one way in: its webservice key
            sent = new ShopCredentials(ShopCredentials.AuthMode.WEBSERVICE, sent.consumerKey(), sent.consumerSecret(),
                    sent.accessToken(), sent.accessTokenSecret());
        }
        ShopCredentials credentials = sent == null ? kept : sent.keepingUnset(kept);
        String wrongMode = credentials == null || credentials.mode() == null ? null
                : wrongMode(platform, credentials.mode());
        if (credentials == null) {
            errors.add(new ApiProblem.FieldError("credentials", "are required"));
        } else if (wrongMode != null) {
            errors.add(new ApiProblem.FieldError("credentials.mode", wrongMode));
        } else if (current == null || request.credentials() != null) {
            String missing = credentials.whatIsMissing();
            if (missing != null) {
                errors.add(new ApiProblem.FieldError("credentials", missing + (sameShop || current == null ? ""
                        : " (the shop's address or platform changes: the stored secrets stay with the old shop)")));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new ShopAccount(id, name, platform, baseUrl, storeCode, credentials, settings,
                current == null ? request.orderWatermark() : current.orderWatermark());
    }

    /** Why a shop of this platform cannot use this way of signing in, or null when it can. */
    private static String wrongMode(Platform platform, ShopCredentials.AuthMode mode) {
        if (platform == Platform.PRESTASHOP && mode != ShopCredentials.AuthMode.WEBSERVICE) {
            return "must be WEBSERVICE: a PrestaShop shop is called with its webservice key";
        }
        if (platform == Platform.MAGENTO && mode == ShopCredentials.AuthMode.WEBSERVICE) {
            return "must be OAUTH1 or BEARER: WEBSERVICE is a PrestaShop webservice key";
        }
        return null;
    }

    private static String pick(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
