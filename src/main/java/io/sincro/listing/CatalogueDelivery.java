package io.sincro.listing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.api.ApiProblem;
import io.sincro.listing.ListingTransaction.Kind;
import io.sincro.listing.ListingTransaction.State;
import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.ListedProduct;
import io.sincro.model.PriceChange;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopException;
import io.sincro.store.ShopAccounts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The delivery of the decided listing transactions to the shop's catalogue (route {@code catalogue-delivery}),
 * per sales list, most urgent first (STOP, QUANTITY, PRICE, MODIFY, PUBLISH, RELIST): QUANTITY and PRICE
 * grouped into the channel's batched calls, every other kind one call per item.
 *
 * <p>Store before acting: a transaction is SENT (one attempt more) before its call, so a crash leaves it SENT,
 * an unknown outcome that the next delivery resends — safely, because a PUBLISH looks the SKU up before
 * creating and every other kind sends absolute values. The conditional PENDING → SENT move is the guard
 * against sending one transaction twice at once. The shop's answer decides what follows:
 * <ul>
 * <li>done (or linked to the product the shop already had): DONE, the item as now published
 * ({@link RuleEvaluation#done}), logged with the values sent and the attempts;</li>
 * <li>refused (4xx): FAILED with the shop's message, the item PROBLEM; {@link #replay} puts it back;</li>
 * <li>retry later (5xx, 429, no answer): PENDING again with the reason, not before the shop's Retry-After
 * (or a backoff doubling with the attempts); the run stops there, the shop is not hammered.</li>
 * </ul>
 */
@Component("catalogueDelivery")
public class CatalogueDelivery {

    private static final Logger log = LoggerFactory.getLogger(CatalogueDelivery.class);
    /** Transactions read per page: a page is finished (every outcome stored) before the next is read. */
    static final int PAGE = 500;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    /** What one delivery of a list did. */
    public record Delivered(long listId, int sent, int done, int refused, int retryLater, String stoppedBecause) {
    }

    private final ListingStore store;
    private final ListingTransactions transactions;
    private final RuleEvaluation evaluation;
    private final ShopAccounts accounts;
    private final ShopConnectors connectors;

    public CatalogueDelivery(ListingStore store, ListingTransactions transactions, RuleEvaluation evaluation,
            ShopAccounts accounts, ShopConnectors connectors) {
        this.store = store;
        this.transactions = transactions;
        this.evaluation = evaluation;
        this.accounts = accounts;
        this.connectors = connectors;
    }

    // ----------------------------------------------------------------------------------------- the route

    /** Every list, one after the other (after a rule evaluation, and on the timer). */
    public List<Delivered> deliverAll() {
        List<Delivered> delivered = new ArrayList<>();
        for (SalesList list : store.lists()) {
            try {
                Delivered one = deliver(list.id());
                if (one.sent() > 0) {
                    delivered.add(one);
                }
            } catch (RuntimeException failed) {
                // one list's trouble (a shop of another platform, a store error) does not stop the others
                log.warn("Catalogue delivery of list {} failed: {}", list.id(), failed.getMessage(), failed);
            }
        }
        return delivered;
    }

    /** The API's on-demand delivery of one list ({@code POST /api/lists/{id}/deliver}). */
    public Delivered deliverList(@Header("id") String id) {
        long listId;
        try {
            listId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("sales list " + id);
        }
        store.list(listId).orElseThrow(() -> ApiProblem.notFound("sales list " + id));
        return deliver(listId);
    }

    /** The API's replay of what the shop refused for one item ({@code POST /api/lists/{id}/items/{code}/retry}). */
    public Map<String, Object> replay(@Header("id") String id, @Header("code") String code) {
        long listId;
        try {
            listId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("sales list " + id);
        }
        store.list(listId).orElseThrow(() -> ApiProblem.notFound("sales list " + id));
        store.item(listId, code).orElseThrow(() -> ApiProblem.notFound("article " + code + " in list " + id));
        int replayed = transactions.replay(listId, code);
        if (replayed == 0) {
            throw ApiProblem.conflict("article " + code + " has no refused transaction to send again");
        }
        store.log(List.of(new ListingStore.LogEntry(0, listId, code, "REPLAY", replayed, replayed, 0, 0,
                replayed + " refused transactions pending again, by hand", null)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("listId", listId);
        answer.put("articleCode", code);
        answer.put("pendingAgain", replayed);
        return answer;
    }

    /** The due transactions of one list, page after page, until none is due or the shop asks to wait. */
    public synchronized Delivered deliver(long listId) {
        SalesList list = store.list(listId).orElse(null);
        if (list == null) {
            return new Delivered(listId, 0, 0, 0, 0, "no such list");
        }
        Listing listing = store.listing(list.listingId()).orElseThrow();
        Optional<ShopAccount> account = accounts.find(listing.accountId());
        if (account.isEmpty()) {
            return new Delivered(listId, 0, 0, 0, 0, "no shop account " + listing.accountId());
        }
        CatalogueChannel channel;
        try {
            channel = connectors.catalogue(account.get());
        } catch (ShopException.Rejected noCatalogue) {
            return new Delivered(listId, 0, 0, 0, 0, noCatalogue.getMessage());
        }
        Tally tally = new Tally();
        List<ListingTransaction> page;
        while (tally.stoppedBecause == null && !(page = transactions.due(listId, PAGE)).isEmpty()) {
            send(channel, page, tally);
            if (tally.sentThisPage == 0) {
                break;
            }
            tally.sentThisPage = 0;
        }
        if (tally.sent > 0) {
            store.log(List.of(new ListingStore.LogEntry(0, listId, null, "DELIVERY", tally.sent, tally.done,
                    tally.refused, tally.retryLater, tally.sent + " transactions sent to " + listing.accountId() + ": "
                    + tally.done + " done, " + tally.refused + " refused, " + tally.retryLater + " to retry"
                    + (tally.stoppedBecause == null ? "" : "; stopped: " + tally.stoppedBecause), null)));
            log.info("Catalogue delivery of list {} to {}: {} sent, {} done, {} refused, {} to retry", listId,
                    listing.accountId(), tally.sent, tally.done, tally.refused, tally.retryLater);
        }
        return new Delivered(listId, tally.sent, tally.done, tally.refused, tally.retryLater, tally.stoppedBecause);
    }

    private static final class Tally {
        int sent;
        int sentThisPage;
        int done;
        int refused;
        int retryLater;
        String stoppedBecause;
    }

    // ------------------------------------------------------------------------------------------ per kind

    /** One page, already in urgency order: runs of QUANTITY and PRICE go as batches, the rest one by one. */
    private void send(CatalogueChannel channel, List<ListingTransaction> page, Tally tally) {
        int at = 0;
        while (at < page.size() && tally.stoppedBecause == null) {
            Kind kind = page.get(at).kind();
            int end = at;
            while (end < page.size() && page.get(end).kind() == kind) {
                end++;
            }
            List<ListingTransaction> run = page.subList(at, end);
            if (kind == Kind.QUANTITY || kind == Kind.PRICE) {
                batch(channel, run, tally);
            } else {
                for (ListingTransaction t : run) {
                    if (tally.stoppedBecause != null) {
                        break;
                    }
                    one(channel, t, tally);
                }
            }
            at = end;
        }
    }

    private void batch(CatalogueChannel channel, List<ListingTransaction> run, Tally tally) {
        List<ListingTransaction> claimed = new ArrayList<>();
        for (ListingTransaction t : run) {
            if (claim(t, tally)) {
                claimed.add(t);
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        // items treated as already on sale are linked by their SKU first (their platform id recorded with the outcome)
        Map<Long, String> linkedIds = new java.util.HashMap<>();
        for (java.util.Iterator<ListingTransaction> it = claimed.iterator(); it.hasNext(); ) {
            ListingTransaction t = it.next();
            ChannelOutcome link;
            try {
                link = link(channel, t);
            } catch (RuntimeException unanswered) {
                link = ChannelOutcome.retryLater(sku(t), 0, message(unanswered), null);
            }
            if (link == null) {
                continue;
            }
            if (link.succeeded()) {
                linkedIds.put(t.id(), link.platformId());
            } else {
                record(t, link, tally);
                it.remove();
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        List<ChannelOutcome> outcomes;
        try {
            outcomes = claimed.get(0).kind() == Kind.QUANTITY
                    ? channel.setQuantities(claimed.stream().map(t -> new QuantityChange(sku(t),
                            decimal(t.values(), "quantity"))).toList())
                    : channel.setPrices(claimed.stream().map(t -> new PriceChange(sku(t), decimal(t.values(), "price")))
                            .toList());
        } catch (RuntimeException unanswered) {
            outcomes = claimed.stream().map(t -> ChannelOutcome.retryLater(sku(t), 0, message(unanswered), null))
                    .toList();
        }
        for (int i = 0; i < claimed.size(); i++) {
            ListingTransaction t = claimed.get(i);
            ChannelOutcome outcome = i < outcomes.size() ? outcomes.get(i)
                    : ChannelOutcome.retryLater(sku(t), 0, "the shop gave no answer for it", null);
            record(t, withLink(outcome, linkedIds.get(t.id())), tally);
        }
    }

    private void one(CatalogueChannel channel, ListingTransaction t, Tally tally) {
        if (!claim(t, tally)) {
            return;
        }
        ChannelOutcome outcome;
        try {
            outcome = call(channel, t);
        } catch (RuntimeException unanswered) {
            outcome = ChannelOutcome.retryLater(sku(t), 0, message(unanswered), null);
        }
        record(t, outcome, tally);
    }

    private ChannelOutcome call(CatalogueChannel channel, ListingTransaction t) {
        JsonNode v = t.values();
        String sku = sku(t);
        ChannelOutcome link = link(channel, t);
        if (link != null && !link.succeeded()) {
            return link;
        }
        ChannelOutcome outcome = switch (t.kind()) {
            case STOP -> channel.stop(sku);
            case RELIST -> channel.relist(sku, decimal(v, "quantity"));
            case PUBLISH -> channel.publish(new CatalogueProduct(sku, name(v), text(v.path("content"), "description"),
                    decimal(v, "price"), decimal(v, "quantity"), null, true, null, null, withUrlKey(v, sku)));
            case MODIFY -> channel.modify(new ProductChange(sku, name(v), text(v.path("content"), "description"),
                    decimal(v, "price"), null, null, attributes(v)));
            case QUANTITY -> channel.setQuantities(List.of(new QuantityChange(sku, decimal(v, "quantity")))).get(0);
            case PRICE -> channel.setPrices(List.of(new PriceChange(sku, decimal(v, "price")))).get(0);
        };
        return withLink(outcome, link == null ? null : link.platformId());
    }

    /**
     * An item treated as already on sale (AWAITING_LINK) has no platform id yet: it is linked by its SKU before
     * its first transaction other than a PUBLISH (which looks up by itself) — never created. Null when there is
     * nothing to link; a refusal when the shop has no such SKU.
     */
    private ChannelOutcome link(CatalogueChannel channel, ListingTransaction t) {
        if (t.kind() == Kind.PUBLISH) {
            return null;
        }
        SalesList.Item item = store.item(t.listId(), t.articleCode()).orElse(null);
        if (item == null || item.state() != SalesList.ItemState.AWAITING_LINK || item.platformId() != null) {
            return null;
        }
        String sku = sku(t);
        Optional<ListedProduct> found = channel.lookUp(sku);
        if (found.isEmpty()) {
            return ChannelOutcome.refused(sku, 404, "awaiting link: the shop has no product with SKU " + sku);
        }
        return ChannelOutcome.linked(sku, found.get().platformId());
    }

    private static ChannelOutcome withLink(ChannelOutcome outcome, String linkedId) {
        if (linkedId != null && outcome.succeeded() && outcome.platformId() == null) {
            return ChannelOutcome.done(outcome.sku(), linkedId, outcome.status());
        }
        return outcome;
    }

    // ----------------------------------------------------------------------------------------- outcomes

    /** SENT before the call; a SENT one (a crash left it) is resent as it is, one attempt more. */
    private boolean claim(ListingTransaction t, Tally tally) {
        boolean claimed = transactions.sending(t.id(), t.state());
        if (claimed) {
            tally.sent++;
            tally.sentThisPage++;
        }
        return claimed;
    }

    private void record(ListingTransaction t, ChannelOutcome outcome, Tally tally) {
        int attempts = t.attempts() + 1;
        String sent = "sent " + t.values() + "; attempt " + attempts;
        switch (outcome.kind()) {
            case DONE, LINKED_EXISTING -> {
                tally.done++;
                evaluation.done(t.id(), outcome.platformId(), (outcome.kind() == ChannelOutcome.Kind.LINKED_EXISTING
                        ? "linked to the product the shop already had (" + outcome.platformId() + ")"
                        : "done by the shop (HTTP " + outcome.status() + ")") + "; " + sent);
            }
            case REFUSED -> {
                tally.refused++;
                String answer = "refused by the shop (HTTP " + outcome.status() + "): " + outcome.message();
                log.warn("Catalogue delivery: {} of {} in list {} {}", t.kind(), t.articleCode(), t.listId(), answer);
                transactions.moveTo(t.id(), State.SENT, State.FAILED, answer);
                store.published(t.listId(), t.articleCode(), SalesList.ItemState.PROBLEM, null, null, null, null);
                store.log(List.of(new ListingStore.LogEntry(0, t.listId(), t.articleCode(), t.kind().name(), 1, 0, 1, 0,
                        answer + "; " + sent, null)));
            }
            case RETRY_LATER -> {
                tally.retryLater++;
                Duration wait = outcome.retryAfter().isZero() ? backoff(attempts) : outcome.retryAfter();
                String answer = "the shop asked to retry later (" + (outcome.status() == 0 ? "no answer"
                        : "HTTP " + outcome.status()) + "): " + outcome.message() + "; not before " + wait.toSeconds()
                        + " s";
                transactions.later(t, answer, OffsetDateTime.now().plus(wait));
                store.log(List.of(new ListingStore.LogEntry(0, t.listId(), t.articleCode(), t.kind().name(), 1, 0, 0, 1,
                        answer + "; " + sent, null)));
                tally.stoppedBecause = answer;
            }
        }
    }

    /** 5 s, doubling with each attempt, at most 15 minutes: for a shop that did not say how long to wait. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF;
        for (int i = 1; i < attempts && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    // ------------------------------------------------------------------------------------------ values

    private static String sku(ListingTransaction t) {
        return t.values().hasNonNull("sku") ? t.values().get("sku").asText() : t.articleCode();
    }

    private static BigDecimal decimal(JsonNode values, String field) {
        return values.hasNonNull(field) ? values.get(field).decimalValue() : null;
    }

    private static String text(JsonNode values, String field) {
        return values.hasNonNull(field) ? values.get(field).asText() : null;
    }

    /** The product's name: the listed "name" field when the listing has one, else the description sent. */
    private static String name(JsonNode values) {
        JsonNode content = values.path("content");
        String name = text(content, "name");
        return name != null ? name : text(content, "description");
    }

    /** The listing's mapped attributes ({@code attribute:code} fields) as shop attribute code → value. */
    private static Map<String, String> attributes(JsonNode values) {
        Map<String, String> attributes = new LinkedHashMap<>();
        values.path("content").fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("attribute:") && !field.getValue().isNull()) {
                attributes.put(field.getKey().substring("attribute:".length()), field.getValue().asText());
            }
        });
        return attributes;
    }

    /**
     * A created product's URL key: Magento derives it from the name and refuses a second product with the same
     * one ("URL key for specified store already exists"), and ERP articles often share a description; the SKU
     * in it keeps it unique. Only on create: a later change of the key would move the product's address.
     */
    private static Map<String, String> withUrlKey(JsonNode values, String sku) {
        Map<String, String> attributes = attributes(values);
        if (!attributes.containsKey("url_key")) {
            String name = name(values);
            String key = ((name == null ? "" : name) + "-" + sku).toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            attributes.put("url_key", key.isEmpty() ? "product" : key);
        }
        return attributes;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
