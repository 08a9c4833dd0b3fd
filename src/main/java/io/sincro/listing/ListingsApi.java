package io.sincro.listing;

import io.sincro.api.ApiProblem;
import io.sincro.api.RequestChecks;
import io.sincro.listing.filter.ArticleFactsReader;
import io.sincro.listing.filter.ArticleFilter;
import io.sincro.listing.filter.FilterSyntaxException;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.store.ArticleChanges;
import io.sincro.store.ShopAccounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listings, sales rules and sales lists over the API ({@code /api/listings}, {@code /api/sales-rules},
 * {@code /api/lists}). Every body is checked whole before anything is stored; a save that changes what a list
 * holds or how its items are published looks at the whole list at once (rule evaluation).
 */
@Component("listingsApi")
public class ListingsApi {

    /** A list as sent: a shared rule by id, or an own rule ("Custom"), or neither (a list kept by hand). */
    public record ListRequest(@Size(max = 200) String name, Long listingId, Long ruleId, @Valid SalesRule rule) {
    }

    public record ListView(long id, String name, long listingId, Platform marketplace, Long ruleId, SalesRule rule,
            int items, int onSale, Instant createdAt, Instant updatedAt) {
    }

    public record ItemsRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Size(min = 1, max = 40) String> articleCodes) {
    }

    /** An unsaved edit of the list's rule or listing, to preview. */
    public record ListPreviewRequest(@Valid SalesRule rule, @Valid Listing listing) {
    }

    public record ListPreview(List<String> added, List<String> removed, List<String> madeAutomatic,
            List<ListingTransaction.Decided> transactions) {
    }

    private static final Pattern FIELD = Pattern.compile("code|description|category|primaryCategory|attribute:.+");

    private final ListingStore store;
    private final ListingTransactions transactions;
    private final RuleEvaluation evaluation;
    private final ShopAccounts accounts;
    private final RequestChecks checks;
    private final ArticleFactsReader articles;
    private final TransactionTemplate tx;

    public ListingsApi(ListingStore store, ListingTransactions transactions, RuleEvaluation evaluation,
            ShopAccounts accounts, RequestChecks checks, ArticleFactsReader articles, TransactionTemplate tx) {
        this.store = store;
        this.transactions = transactions;
        this.evaluation = evaluation;
        this.accounts = accounts;
        this.checks = checks;
        this.articles = articles;
        this.tx = tx;
    }

    // ------------------------------------------------------------------------------------------- listings

    public List<Listing> listings() {
        return store.listings();
    }

    public Listing listing(@Header("id") String id) {
        return store.listing(id(id)).orElseThrow(() -> ApiProblem.notFound("listing " + id));
    }

    public Listing createListing(Listing request, Exchange exchange) {
        valid(request);
        long id = store.createListing(request);
        created(exchange, "/api/listings/" + id);
        return request.withId(id);
    }

    /** A changed listing reaches its lists at once: a description or method change is a full MODIFY, when the revise rule asks. */
    public Listing updateListing(@Header("id") String id, Listing request) {
        long listingId = id(id);
        store.listing(listingId).orElseThrow(() -> ApiProblem.notFound("listing " + id));
        valid(request);
        Platform marketplace = marketplaceOf(request);
        List<String> wrong = store.listsOfListing(listingId).stream()
                .filter(l -> l.ruleId() != null && store.rule(l.ruleId()).orElseThrow().marketplace() != marketplace)
                .map(l -> "\"" + l.name() + "\" (" + l.id() + ")").toList();
        if (!wrong.isEmpty()) {
            throw unprocessable("accountId", "the lists " + String.join(", ", wrong) + " have rules for another "
                    + "marketplace than " + marketplace);
        }
        store.updateListing(listingId, request);
        store.listsOfListing(listingId).forEach(l -> evaluation.rescan(l.id()));
        return request.withId(listingId);
    }

    public void deleteListing(@Header("id") String id, Exchange exchange) {
        long listingId = id(id);
        store.listing(listingId).orElseThrow(() -> ApiProblem.notFound("listing " + id));
        List<SalesList> lists = store.listsOfListing(listingId);
        if (!lists.isEmpty()) {
            throw ApiProblem.conflict("listing " + id + " is used by the sales lists " + names(lists)
                    + ": delete them first").with("lists", lists.stream().map(SalesList::id).toList());
        }
        store.deleteListing(listingId);
        noContent(exchange);
    }

    private void valid(Listing request) {
        checks.valid(request, "");
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.fields().size(); i++) {
            if (!FIELD.matcher(request.fields().get(i)).matches()) {
                errors.add(new ApiProblem.FieldError("fields[" + i + "]", "must be code, description, category, "
                        + "primaryCategory or attribute:NAME"));
            }
        }
        Listing.QuantityMethod q = request.quantity();
        if (q.kind() == Listing.QuantityMethod.Kind.FIXED && q.fixed() == null) {
            errors.add(new ApiProblem.FieldError("quantity.fixed", "is required with kind FIXED"));
        }
        if (q.kind() == Listing.QuantityMethod.Kind.PERCENT && q.percent() == null) {
            errors.add(new ApiProblem.FieldError("quantity.percent", "is required with kind PERCENT"));
        }
        if (q.minimum() != null && q.maximum() != null && q.minimum().compareTo(q.maximum()) > 0) {
            errors.add(new ApiProblem.FieldError("quantity.maximum", "must not be below the minimum"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        marketplaceOf(request);
    }

    private Platform marketplaceOf(Listing listing) {
        ShopAccount account = accounts.find(listing.accountId()).orElseThrow(() -> unprocessable("accountId",
                "there is no shop account " + listing.accountId()));
        if (account.platform() == Platform.STOREFRONT) {
            throw unprocessable("accountId", "account " + account.id() + " is the hub's own storefront: nothing is "
                    + "published to it");
        }
        return account.platform();
    }

    // ---------------------------------------------------------------------------------------- sales rules

    public List<SalesRule> rules() {
        return store.sharedRules();
    }

    public SalesRule rule(@Header("id") String id) {
        return store.rule(id(id)).orElseThrow(() -> ApiProblem.notFound("sales rule " + id));
    }

    public SalesRule createRule(SalesRule request, Exchange exchange) {
        valid(request);
        long id = store.createRule(request.withId(0, true));
        created(exchange, "/api/sales-rules/" + id);
        return request.withId(id, true);
    }

    /** An edit reaches every list that uses the rule ("si ripercuoteranno su tutte le liste"). */
    public SalesRule updateRule(@Header("id") String id, SalesRule request) {
        long ruleId = id(id);
        SalesRule current = store.rule(ruleId).orElseThrow(() -> ApiProblem.notFound("sales rule " + id));
        valid(request);
        List<SalesList> lists = store.listsOfRule(ruleId);
        sameMarketplace(request, lists);
        store.updateRule(ruleId, request.withId(ruleId, current.shared()));
        lists.forEach(l -> evaluation.rescan(l.id()));
        return request.withId(ruleId, current.shared());
    }

    /** Only while no list uses the rule. */
    public void deleteRule(@Header("id") String id, Exchange exchange) {
        long ruleId = id(id);
        store.rule(ruleId).orElseThrow(() -> ApiProblem.notFound("sales rule " + id));
        List<SalesList> lists = store.listsOfRule(ruleId);
        if (!lists.isEmpty()) {
            throw ApiProblem.conflict("sales rule " + id + " is used by the sales lists " + names(lists)
                    + ": a rule can be deleted only while no list uses it")
                    .with("lists", lists.stream().map(SalesList::id).toList());
        }
        store.deleteRule(ruleId);
        noContent(exchange);
    }

    private void valid(SalesRule rule) {
        checks.valid(rule, "");
        try {
            if (!rule.filterText().isBlank()) {
                ArticleFilter.parse(rule.filterText());
            }
        } catch (FilterSyntaxException wrong) {
            throw new ApiProblem(422, "urn:sincro:problem:invalid-filter", "The article filter is not valid",
                    "articleFilter: " + wrong.getMessage(),
                    List.of(new ApiProblem.FieldError("articleFilter", wrong.getMessage())))
                    .with("position", wrong.position()).with("expected", wrong.expected());
        }
    }

    private void sameMarketplace(SalesRule rule, List<SalesList> lists) {
        List<String> wrong = new ArrayList<>();
        for (SalesList list : lists) {
            Platform listed = marketplaceOf(store.listing(list.listingId()).orElseThrow());
            if (listed != rule.marketplace()) {
                wrong.add("\"" + list.name() + "\" (" + list.id() + ", " + listed + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw unprocessable("marketplace", "a rule for " + rule.marketplace() + " cannot serve the lists "
                    + String.join(", ", wrong) + ": a rule applies only to lists of its marketplace type");
        }
    }

    // ---------------------------------------------------------------------------------------- sales lists

    public List<ListView> lists() {
        return store.lists().stream().map(this::view).toList();
    }

    public ListView list(@Header("id") String id) {
        return view(salesList(id));
    }

    /** Saved, then looked at whole: matching articles are added when the rule says so, and evaluated. */
    public ListView createList(ListRequest request, Exchange exchange) {
        checks.valid(request, "");
        if (request.name() == null || request.name().isBlank()) {
            throw ApiProblem.invalid("name", "is required");
        }
        if (request.listingId() == null) {
            throw ApiProblem.invalid("listingId", "is required: the listing is fixed when the list is created");
        }
        Listing listing = store.listing(request.listingId()).orElseThrow(() -> unprocessable("listingId",
                "there is no listing " + request.listingId()));
        SalesRule own = checkedRule(request, marketplaceOf(listing));
        long id = tx.execute(status -> {
            Long ruleId = own != null ? Long.valueOf(store.createRule(own.withId(0, false))) : request.ruleId();
            return store.createList(request.name(), request.listingId(), ruleId);
        });
        evaluation.rescan(id);
        created(exchange, "/api/lists/" + id);
        return view(store.list(id).orElseThrow());
    }

    /** Name and rule change; the listing does not (it is fixed at creation). */
    public ListView updateList(@Header("id") String id, ListRequest request) {
        SalesList list = salesList(id);
        checks.valid(request, "");
        if (request.name() == null || request.name().isBlank()) {
            throw ApiProblem.invalid("name", "is required");
        }
        if (request.listingId() != null && request.listingId() != list.listingId()) {
            throw unprocessable("listingId", "a list's listing is fixed when the list is created (" + list.listingId()
                    + "): make a new list for another listing");
        }
        Platform marketplace = marketplaceOf(store.listing(list.listingId()).orElseThrow());
        SalesRule own = checkedRule(request, marketplace);
        SalesRule current = list.ruleId() == null ? null : store.rule(list.ruleId()).orElseThrow();
        tx.executeWithoutResult(status -> {
            Long ruleId = request.ruleId();
            if (own != null) {
                if (current != null && !current.shared()) {
                    store.updateRule(current.id(), own.withId(current.id(), false));
                    ruleId = current.id();
                } else {
                    ruleId = store.createRule(own.withId(0, false));
                }
            }
            store.updateList(list.id(), request.name(), ruleId);
            if (current != null && !current.shared() && !current.id().equals(ruleId)) {
                store.deleteRule(current.id());
            }
        });
        evaluation.rescan(list.id());
        return view(store.list(list.id()).orElseThrow());
    }

    /** The list, its items, transactions and log go; what is published stays on the platform. */
    public void deleteList(@Header("id") String id, Exchange exchange) {
        SalesList list = salesList(id);
        SalesRule rule = list.ruleId() == null ? null : store.rule(list.ruleId()).orElseThrow();
        tx.executeWithoutResult(status -> {
            store.deleteList(list.id());
            if (rule != null && !rule.shared()) {
                store.deleteRule(rule.id());
            }
        });
        noContent(exchange);
    }

    private SalesRule checkedRule(ListRequest request, Platform marketplace) {
        if (request.rule() != null && request.ruleId() != null) {
            throw ApiProblem.invalid("rule", "send either ruleId (a shared rule) or rule (the list's own), not both");
        }
        if (request.rule() != null) {
            valid(request.rule());
            if (request.rule().marketplace() != marketplace) {
                throw unprocessable("rule.marketplace", "the list's listing publishes on " + marketplace);
            }
            return request.rule();
        }
        if (request.ruleId() != null) {
            SalesRule shared = store.rule(request.ruleId()).filter(SalesRule::shared).orElseThrow(() ->
                    unprocessable("ruleId", "there is no shared sales rule " + request.ruleId()));
            if (shared.marketplace() != marketplace) {
                throw unprocessable("ruleId", "sales rule " + shared.id() + " is for " + shared.marketplace()
                        + ", the list's listing publishes on " + marketplace);
            }
        }
        return null;
    }

    private ListView view(SalesList list) {
        SalesRule rule = list.ruleId() == null ? null : store.rule(list.ruleId()).orElse(null);
        Listing listing = store.listing(list.listingId()).orElseThrow();
        int[] counts = store.itemCounts(list.id());
        return new ListView(list.id(), list.name(), list.listingId(),
                accounts.find(listing.accountId()).map(ShopAccount::platform).orElse(null), list.ruleId(), rule,
                counts[0], counts[1], list.createdAt(), list.updatedAt());
    }

    // --------------------------------------------------------------------------------------------- items

    public List<SalesList.Item> items(@Header("id") String id) {
        return store.items(salesList(id).id());
    }

    /** Adds articles by hand; an article the hub does not know refuses the whole request, naming each. */
    public List<SalesList.Item> addItems(@Header("id") String id, ItemsRequest request, Exchange exchange) {
        SalesList list = salesList(id);
        checks.valid(request, "");
        Set<String> codes = new LinkedHashSet<>(request.articleCodes());
        Set<String> known = articles.read(codes).keySet();
        Set<String> removed = store.removedFromErp(codes);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        int i = 0;
        for (String code : request.articleCodes()) {
            if (!known.contains(code) || removed.contains(code)) {
                errors.add(new ApiProblem.FieldError("articleCodes[" + i + "]", "there is no article " + code
                        + " in the hub"));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(422, "urn:sincro:problem:unknown-articles", "Unknown articles",
                    errors.size() + " of the articles are not in the hub; nothing was added", errors);
        }
        SalesRule rule = list.ruleId() == null ? null : store.rule(list.ruleId()).orElseThrow();
        List<SalesList.Item> added = new ArrayList<>();
        for (String code : codes) {
            if (store.item(list.id(), code).isEmpty()) {
                added.add(new SalesList.Item(list.id(), code, SalesList.Origin.MANUAL,
                        rule != null && rule.treatAsOnSale() ? SalesList.ItemState.AWAITING_LINK
                                : SalesList.ItemState.NOT_PUBLISHED, null, null, null, null, false, false, null));
            }
        }
        evaluation.addByHand(list.id(), added);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return codes.stream().map(code -> store.item(list.id(), code).orElseThrow()).toList();
    }

    /** A manual item leaves the list (not stopped on the platform); an automatic one cannot be removed by hand. */
    public void removeItem(@Header("id") String id, @Header("code") String code, Exchange exchange) {
        SalesList list = salesList(id);
        SalesList.Item item = store.item(list.id(), code).orElseThrow(() -> ApiProblem.notFound("article " + code
                + " in list " + id));
        if (item.origin() == SalesList.Origin.AUTOMATIC) {
            throw ApiProblem.conflict("article " + code + " was added by the list's filter: automatic items cannot be "
                    + "removed by hand; they leave the list when they no longer match the filter");
        }
        evaluation.removeByHand(item);
        noContent(exchange);
    }

    // -------------------------------------------------------------------------------- transactions, log

    public List<ListingTransaction> transactions(@Header("id") String id, @Header("state") String state,
            @Header("limit") String limit, @Header("offset") String offset) {
        SalesList list = salesList(id);
        Set<ListingTransaction.State> states = EnumSet.allOf(ListingTransaction.State.class);
        if (state != null && !state.isBlank()) {
            try {
                states = EnumSet.of(ListingTransaction.State.valueOf(state.strip()));
            } catch (IllegalArgumentException unknown) {
                throw ApiProblem.invalid("state", "must be one of " + List.of(ListingTransaction.State.values()));
            }
        }
        return transactions.ofList(list.id(), states, RequestChecks.number("limit", limit, 500, 1, 10_000),
                RequestChecks.number("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    public List<ListingStore.LogEntry> log(@Header("id") String id, @Header("article") String article,
            @Header("limit") String limit) {
        SalesList list = salesList(id);
        return store.log(list.id(), article == null || article.isBlank() ? null : article.strip(),
                RequestChecks.number("limit", limit, 200, 1, 10_000));
    }

    /** One item's publication log ({@code /api/lists/{id}/items/{code}/log}). */
    public List<ListingStore.LogEntry> itemLog(@Header("id") String id, @Header("code") String code,
            @Header("limit") String limit) {
        return log(id, code, limit);
    }

    /** What saving this rule or listing for the list would decide; nothing is stored. */
    public ListPreview preview(@Header("id") String id, ListPreviewRequest request) {
        SalesList list = salesList(id);
        checks.valid(request, "");
        Listing listing = store.listing(list.listingId()).orElseThrow();
        if (request.listing() != null) {
            valid(request.listing());
            listing = request.listing().withId(list.listingId());
        }
        Platform marketplace = marketplaceOf(listing);
        SalesRule rule = null;
        if (request.rule() != null) {
            valid(request.rule());
            if (request.rule().marketplace() != marketplace) {
                throw unprocessable("rule.marketplace", "the list's listing publishes on " + marketplace);
            }
            rule = request.rule().withId(list.ruleId() == null ? 0 : list.ruleId(), false);
        }
        RuleEvaluation.Plan plan = evaluation.preview(list.id(), rule, request.listing() == null ? null : listing);
        return new ListPreview(plan.added.stream().map(SalesList.Item::articleCode).toList(),
                plan.removed.stream().map(SalesList.Item::articleCode).toList(),
                plan.updated.values().stream().filter(i -> i.origin() == SalesList.Origin.AUTOMATIC && !i.leaving())
                        .map(SalesList.Item::articleCode).toList(),
                plan.decided.stream().sorted(java.util.Comparator.comparing(ListingTransaction.Decided::kind)).toList());
    }

    // ------------------------------------------------------------------------------------------- helpers

    private SalesList salesList(String id) {
        return store.list(id(id)).orElseThrow(() -> ApiProblem.notFound("sales list " + id));
    }

    /** A path id: a whole number, or nothing by that id. */
    private static long id(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (RuntimeException notANumber) {
            throw ApiProblem.notFound("id " + id);
        }
    }

    private static String names(List<SalesList> lists) {
        return String.join(", ", lists.stream().map(l -> "\"" + l.name() + "\" (" + l.id() + ")").toList());
    }

    private static ApiProblem unprocessable(String field, String why) {
        return new ApiProblem(422, "urn:sincro:problem:unprocessable", "The request cannot be applied",
                field + ": " + why, List.of(new ApiProblem.FieldError(field, why)));
    }

    private static void created(Exchange exchange, String location) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader("Location", location);
    }

    private static void noContent(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
