package io.sincro.api;

import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.OrderSyncs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Shop accounts over the API: secrets can be written, never read back. */
@Component("accountsApi")
public class AccountsApi {

    /** What a client sends to create or change an account; secrets left out keep their stored value. */
    public record AccountRequest(String id, String name, Platform platform, String baseUrl, String storeCode,
            ShopCredentials credentials, AccountSettings settings, Instant orderWatermark) {
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

    public AccountsApi(ShopAccounts accounts, OrderSyncs orderSyncs) {
        this.accounts = accounts;
        this.orderSyncs = orderSyncs;
    }

    public List<AccountView> list() {
        return accounts.findAll().stream().map(AccountView::of).toList();
    }

    public AccountView get(@Header("id") String id) {
        return accounts.find(id).map(AccountView::of).orElseThrow(() -> ApiProblem.notFound("account " + id));
    }

    public AccountView create(AccountRequest request, Exchange exchange) {
        if (request == null || request.id() == null || !request.id().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw ApiProblem.badRequest("id is required: lower-case letters, digits and dashes, at most 64");
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

    public AccountView update(@Header("id") String id, AccountRequest request) {
        ShopAccount current = accounts.find(id).orElseThrow(() -> ApiProblem.notFound("account " + id));
        ShopAccount account = validated(id, request, current);
        accounts.update(account);
        if (request.orderWatermark() != null && !request.orderWatermark().equals(current.orderWatermark())) {
            accounts.setWatermark(id, request.orderWatermark());
        }
        return get(id);
    }

    public void delete(@Header("id") String id, Exchange exchange) {
        if (accounts.find(id).isEmpty()) {
            throw ApiProblem.notFound("account " + id);
        }
        if (accounts.isReferenced(id)) {
            throw new ApiProblem(409, "account " + id + " has orders or customers in the hub and cannot be deleted");
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
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 409);
            return Map.of("error", running.message(), "runId", running.runId(), "node", running.node(),
                    "since", running.since().toString());
        }
        long runId = ((OrderSyncs.Started) start).runId();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + runId);
        return new SyncStarted(runId, "RUNNING", "/api/runs/" + runId);
    }

    private static ShopAccount validated(String id, AccountRequest request, ShopAccount current) {
        if (request == null) {
            throw ApiProblem.badRequest("an account is required in the body");
        }
        String name = pick(request.name(), current == null ? null : current.name());
        Platform platform = request.platform() != null ? request.platform()
                : current == null ? Platform.MAGENTO : current.platform();
        String baseUrl = pick(request.baseUrl(), current == null ? null : current.baseUrl());
        String storeCode = pick(request.storeCode(), current == null ? "default" : current.storeCode());
        if (name == null || name.isBlank()) {
            throw ApiProblem.badRequest("name is required");
        }
        if (platform == Platform.STOREFRONT) {
            AccountSettings settings = request.settings() != null ? request.settings()
                    : current == null ? AccountSettings.defaults() : current.settings();
            return new ShopAccount(id, name, platform, baseUrl == null ? "" : baseUrl, storeCode,
                    new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, null, null), settings, null);
        }
        if (baseUrl == null || !baseUrl.matches("https?://.+")) {
            throw ApiProblem.badRequest("baseUrl must be the shop's http(s) address, e.g. https://shop.example.it");
        }
        if (!storeCode.matches("[A-Za-z0-9_]+")) {
            throw ApiProblem.badRequest("storeCode must be a Magento store view code (letters, digits, underscore)");
        }
        ShopCredentials credentials = request.credentials() == null ? current == null ? null : current.credentials()
                : request.credentials().keepingUnset(current == null ? null : current.credentials());
        if (credentials == null) {
            throw ApiProblem.badRequest("credentials are required");
        }
        String missing = credentials.whatIsMissing();
        if (missing != null) {
            throw ApiProblem.badRequest("credentials: " + missing);
        }
        AccountSettings settings = request.settings() != null ? request.settings()
                : current == null ? AccountSettings.defaults() : current.settings();
        String wrong = settings.whatIsWrong();
        if (wrong != null) {
            throw ApiProblem.badRequest("settings: " + wrong);
        }
        return new ShopAccount(id, name, platform, baseUrl, storeCode, credentials, settings,
                current == null ? request.orderWatermark() : current.orderWatermark());
    }

    private static String pick(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
