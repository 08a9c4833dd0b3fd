package io.sincro.listing;

import io.sincro.erp.ErpSyncProperties;
import io.sincro.listing.ListingTransaction.Decided;
import io.sincro.listing.filter.ArticleFacts;
import io.sincro.listing.filter.ArticleFactsReader;
import io.sincro.listing.filter.ArticleFilter;
import io.sincro.listing.filter.FilterSyntaxException;
import io.sincro.store.ArticleChanges;
import io.sincro.sync.NewOrdersInErp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of the rule evaluation (route {@code rule-evaluation}), in the manual's order: the articles that
 * changed since the last evaluation, the update of every sales list by its rule ("Aggiunta", "Rimozione"),
 * the listings' sync rules deciding the transactions, and their recording — items, transactions and the
 * publication log in one database transaction. The work follows the changed articles, never the catalogue;
 * a list's save, a rule's edit and a listing's edit look at the whole list instead ({@link #rescan}), and a
 * preview computes the same without storing anything.
 */
@Component("ruleEvaluation")
public class RuleEvaluation {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluation.class);

    /** One list as the evaluation sees it: its listing, its rule and the rule's filter. */
    record ListContext(SalesList list, Listing listing, SalesRule rule, ArticleFilter filter) {
    }

    /** What an evaluation found and decided, before it is stored. */
    public static final class Plan {
        final long journalFrom;
        final long journalTo;
        final boolean fromJournal;
        final Map<String, Set<ArticleChanges.What>> changes;
        final Map<String, SalesList.Item> items = new HashMap<>();
        final List<SalesList.Item> added = new ArrayList<>();
        final Map<String, SalesList.Item> updated = new LinkedHashMap<>();
        final List<SalesList.Item> stays = new ArrayList<>();
        final List<SalesList.Item> removed = new ArrayList<>();
        final List<Decided> decided = new ArrayList<>();
        final List<ListingStore.LogEntry> log = new ArrayList<>();
        List<ListContext> lists = List.of();
        Map<String, ArticleFacts> facts = Map.of();
        Set<String> gone = Set.of();

        Plan(long journalFrom, long journalTo, boolean fromJournal, Map<String, Set<ArticleChanges.What>> changes) {
            this.journalFrom = journalFrom;
            this.journalTo = journalTo;
            this.fromJournal = fromJournal;
            this.changes = changes;
        }

        public int changedArticles() {
            return changes.size();
        }

        public List<Decided> decided() {
            return decided;
        }
    }

    /** What an evaluation stored. */
    public record Summary(int changedArticles, int lists, int added, int removed, int madeAutomatic,
            Map<ListingTransaction.Kind, Integer> transactions) {
    }

    private final ListingStore store;
    private final ListingTransactions transactions;
    private final ArticleChanges changes;
    private final ArticleFactsReader reader;
    private final TransactionTemplate tx;
    private final int soldWarehouse;

    public RuleEvaluation(ListingStore store, ListingTransactions transactions, ArticleChanges changes,
            ArticleFactsReader reader, TransactionTemplate tx, ErpSyncProperties erp) {
        this.store = store;
        this.transactions = transactions;
        this.changes = changes;
        this.reader = reader;
        this.tx = tx;
        this.soldWarehouse = erp.warehouses().get(0);
    }

    // ----------------------------------------------------------------------------------------- the route

    /** New orders reached the ERP: their articles' availability drops by what they committed there. */
    public void soldArticles(NewOrdersInErp event) {
        List<String> sold = changes.sold(event.orderIds(), soldWarehouse,
                "orders of " + event.accountId() + " into the ERP");
        log.debug("Rule evaluation: {} orders of {} into the ERP sold {} articles", event.orderIds().size(),
                event.accountId(), sold.size());
    }

    /** The articles that changed since the last evaluation, and how. */
    public Plan changedArticles() {
        long from = changes.cursor();
        ArticleChanges.Since since = changes.since(from);
        return new Plan(from, since.upTo(), true, since.byArticle());
    }

    /** Every sales list updated by its rule's add and removal actions, for the changed articles. */
    public Plan updateSalesLists(Plan plan) {
        if (plan.changes.isEmpty()) {
            return plan;
        }
        plan.lists = contexts(null, null, null);
        if (plan.lists.isEmpty()) {
            return plan;
        }
        plan.facts = reader.read(plan.changes.keySet());
        // the facts leave out the articles the ERP no longer has (and unknown codes): those are the ones gone,
        // found without a second look-up of every changed article
        plan.gone = new HashSet<>();
        plan.changes.keySet().stream().filter(code -> !plan.facts.containsKey(code)).forEach(plan.gone::add);
        for (SalesList.Item item : store.itemsOf(plan.changes.keySet())) {
            plan.items.put(key(item.listId(), item.articleCode()), item);
        }
        for (ListContext list : plan.lists) {
            for (String code : plan.changes.keySet()) {
                maintain(plan, list, code, plan.gone.contains(code) ? null : plan.facts.get(code));
            }
        }
        return plan;
    }

    /** The listings' sync rules applied to the items of the changed articles. */
    public Plan applySyncRules(Plan plan) {
        for (ListContext list : plan.lists) {
            for (String code : plan.changes.keySet()) {
                if (!plan.gone.contains(code)) {
                    evaluate(plan, list, code, plan.facts.get(code), plan.changes.get(code));
                }
            }
        }
        return plan;
    }

    /** Stores what the evaluation decided, all or nothing; nothing when another evaluation got there first. */
    public Summary record(Plan plan) {
        Summary summary = tx.execute(status -> {
            if (plan.fromJournal && !changes.advance(plan.journalFrom, plan.journalTo)) {
                log.info("Rule evaluation: the changes up to {} were evaluated by another run", plan.journalTo);
                return null;
            }
            return store(plan);
        });
        if (summary != null && (summary.lists() > 0 || summary.changedArticles() > 0)) {
            log.info("Rule evaluation: {} changed articles, {} lists, {} items added, {} removed, {} made automatic, "
                            + "transactions {}", summary.changedArticles(), summary.lists(), summary.added(),
                    summary.removed(), summary.madeAutomatic(), summary.transactions());
        }
        return summary;
    }

    // ------------------------------------------------------------------------------- saves and previews

    /**
     * A list looked at whole — on its save, or after an edit of its rule or listing: every article of the
     * catalogue against its filter, every item against its sync rules.
     */
    public synchronized Summary rescan(long listId) {
        Plan plan = wholeList(listId, null, null);
        return tx.execute(status -> store(plan));
    }

    /** What a rescan with this rule or listing instead of the stored ones would decide; nothing is stored. */
    public Plan preview(long listId, SalesRule rule, Listing listing) {
        return wholeList(listId, rule, listing);
    }

    private Plan wholeList(long listId, SalesRule rule, Listing listing) {
        Plan plan = new Plan(0, 0, false, new HashMap<>());
        plan.lists = contexts(listId, rule, listing);
        ListContext list = plan.lists.get(0);
        Map<String, SalesList.Item> items = new HashMap<>();
        store.items(listId).forEach(item -> items.put(item.articleCode(), item));
        items.values().forEach(item -> plan.items.put(key(listId, item.articleCode()), item));
        Set<String> removed = new HashSet<>(store.removedFromErp(items.keySet()));
        Set<String> seen = new HashSet<>();
        boolean adds = list.rule() != null && list.rule().addAction() == SalesRule.AddAction.ADD_TO_LIST;
        reader.forEach(article -> {
            String code = article.code();
            boolean listed = items.containsKey(code);
            if (!listed && !(adds && list.filter().matches(article))) {
                return;
            }
            seen.add(code);
            if (removed.contains(code)) {
                return;
            }
            maintain(plan, list, code, article);
            evaluate(plan, list, code, article, Set.of());
        });
        for (String code : items.keySet()) {
            if (!seen.contains(code) || removed.contains(code)) {
                maintain(plan, list, code, null);
            }
        }
        return plan;
    }

    /** Articles added by hand, evaluated at once (a manual item that matches an adding rule is automatic). */
    public synchronized Summary addByHand(long listId, List<SalesList.Item> added) {
        return tx.execute(status -> {
            store.insertItems(added);
            Plan plan = new Plan(0, 0, false, new HashMap<>());
            added.forEach(item -> plan.changes.put(item.articleCode(), Set.of()));
            plan.lists = contexts(listId, null, null);
            plan.facts = reader.read(plan.changes.keySet());
            for (SalesList.Item item : store.itemsOf(plan.changes.keySet())) {
                if (item.listId() == listId) {
                    plan.items.put(key(listId, item.articleCode()), item);
                }
            }
            for (String code : plan.changes.keySet()) {
                maintain(plan, plan.lists.get(0), code, plan.facts.get(code));
                evaluate(plan, plan.lists.get(0), code, plan.facts.get(code), Set.of());
            }
            added.forEach(item -> plan.log.add(new ListingStore.LogEntry(0, listId, item.articleCode(), "ADDED BY HAND",
                    1, 1, 0, 0, "added by hand as " + item.state(), null)));
            return store(plan);
        });
    }

    /** A manual item removed by hand: it leaves the list, and is not stopped on the platform. */
    public synchronized void removeByHand(SalesList.Item item) {
        tx.executeWithoutResult(status -> {
            transactions.supersedeAllOf(List.of(item), "the item was removed from its list by hand");
            store.deleteItems(List.of(item));
            store.log(List.of(new ListingStore.LogEntry(0, item.listId(), item.articleCode(), "REMOVED BY HAND", 1, 1, 0,
                    0, "removed from the list by hand; not stopped on the marketplace", null)));
        });
    }

    /**
     * A transaction the shop carried out (for the delivery): DONE, and its item as the marketplace now has it —
     * published with the values sent, or stopped; an item stopped on its way out of the list leaves it.
     */
    public synchronized void done(long transactionId, String platformId) {
        done(transactionId, platformId, "done on the marketplace");
    }

    /** {@link #done(long, String)}, with what the delivery logs for the item (values sent, the shop's answer, attempts). */
    public synchronized void done(long transactionId, String platformId, String logMessage) {
        tx.executeWithoutResult(status -> {
            ListingTransaction t = transactions.get(transactionId).orElseThrow();
            if (!transactions.moveTo(transactionId, t.state(), ListingTransaction.State.DONE, logMessage)) {
                return;
            }
            SalesList.Item item = store.item(t.listId(), t.articleCode()).orElse(null);
            if (item == null) {
                return;
            }
            var v = t.values();
            java.math.BigDecimal quantity = v.hasNonNull("quantity") ? v.get("quantity").decimalValue() : null;
            java.math.BigDecimal price = v.hasNonNull("price") ? v.get("price").decimalValue() : null;
            String hash = v.hasNonNull("contentHash") ? v.get("contentHash").asText() : null;
            switch (t.kind()) {
                case STOP -> {
                    if (item.leaving()) {
                        store.deleteItems(List.of(item));
                    } else {
                        store.published(t.listId(), t.articleCode(), SalesList.ItemState.STOPPED, platformId, null,
                                null, null);
                    }
                }
                case QUANTITY -> store.published(t.listId(), t.articleCode(), linked(item), platformId, quantity, null,
                        null);
                case PRICE -> store.published(t.listId(), t.articleCode(), linked(item), platformId, null, price, null);
                default -> store.published(t.listId(), t.articleCode(), SalesList.ItemState.PUBLISHED, platformId,
                        quantity, price, hash);
            }
            store.log(List.of(new ListingStore.LogEntry(0, t.listId(), t.articleCode(), t.kind().name(), 1, 1, 0, 0,
                    logMessage, null)));
        });
    }

    /** An item awaiting link is linked by the first transaction done on it. */
    private static SalesList.ItemState linked(SalesList.Item item) {
        return item.state() == SalesList.ItemState.AWAITING_LINK ? SalesList.ItemState.PUBLISHED : item.state();
    }

    // ------------------------------------------------------------------------------------------- per item

    private void maintain(Plan plan, ListContext list, String code, ArticleFacts article) {
        long listId = list.list().id();
        SalesList.Item item = plan.items.get(key(listId, code));
        ListMaintenance.Outcome outcome = ListMaintenance.decide(list.rule(), list.filter(), item, article);
        switch (outcome.action()) {
            case NOTHING -> {
                return;
            }
            case ADD -> {
                SalesList.Item added = new SalesList.Item(listId, code, SalesList.Origin.AUTOMATIC,
                        list.rule().treatAsOnSale() ? SalesList.ItemState.AWAITING_LINK
                                : SalesList.ItemState.NOT_PUBLISHED, null, null, null, null, false, false, null);
                plan.added.add(added);
                plan.items.put(key(listId, code), added);
            }
            case MAKE_AUTOMATIC, STAY -> {
                SalesList.Item changed = item.with(SalesList.Origin.AUTOMATIC).leaving(false);
                plan.updated.put(key(listId, code), changed);
                plan.items.put(key(listId, code), changed);
                if (outcome.action() == ListMaintenance.Action.STAY) {
                    plan.stays.add(changed);
                }
            }
            case REMOVE -> {
                plan.removed.add(item);
                plan.items.remove(key(listId, code));
            }
            case STOP_THEN_REMOVE -> {
                SalesList.Item leaving = item.leaving(true);
                plan.updated.put(key(listId, code), leaving);
                plan.items.put(key(listId, code), leaving);
                com.fasterxml.jackson.databind.node.ObjectNode values =
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("sku", code);
                if (item.platformId() != null) {
                    values.put("platformId", item.platformId());
                }
                plan.decided.add(new Decided(listId, code, ListingTransaction.Kind.STOP, values,
                        "removal action: " + outcome.reason()));
            }
        }
        plan.log.add(new ListingStore.LogEntry(0, listId, code, outcome.action().name(), 1, 1, 0, 0, outcome.reason(),
                null));
    }

    private void evaluate(Plan plan, ListContext list, String code, ArticleFacts article,
            Set<ArticleChanges.What> changed) {
        SalesList.Item item = plan.items.get(key(list.list().id(), code));
        if (item == null || article == null) {
            return;
        }
        plan.decided.addAll(SyncRuleDecisions.decide(list.listing(), list.rule(), item, article,
                changed == null ? Set.of() : changed));
    }

    // ------------------------------------------------------------------------------------------- storing

    private Summary store(Plan plan) {
        Set<String> existing = new HashSet<>();
        if (!plan.added.isEmpty()) {
            store.itemsOf(plan.added.stream().map(SalesList.Item::articleCode).distinct().toList())
                    .forEach(i -> existing.add(key(i.listId(), i.articleCode())));
        }
        List<SalesList.Item> added = plan.added.stream()
                .filter(i -> !existing.contains(key(i.listId(), i.articleCode()))).toList();
        store.insertItems(added);
        store.updateItems(new ArrayList<>(plan.updated.values()));
        transactions.supersedeStops(plan.stays, "the item matches its list's filter again: it stays");
        transactions.supersedeAllOf(plan.removed, "the item left its list");
        store.deleteItems(plan.removed);
        Map<String, List<ListingTransactions.Pending>> pending = transactions.pendingOf(plan.decided.stream()
                .map(d -> key(d.listId(), d.articleCode())).distinct().toList());
        List<Decided> stored = transactions.store(plan.decided, pending);
        Map<ListingTransaction.Kind, Integer> byKind = new EnumMap<>(ListingTransaction.Kind.class);
        Map<Long, int[]> perList = new LinkedHashMap<>();
        List<ListingStore.LogEntry> entries = new ArrayList<>(plan.log);
        for (Decided d : stored) {
            byKind.merge(d.kind(), 1, Integer::sum);
            perList.computeIfAbsent(d.listId(), id -> new int[1])[0]++;
            entries.add(new ListingStore.LogEntry(0, d.listId(), d.articleCode(), "DECIDED " + d.kind(), 1, 0, 0, 0,
                    d.reason(), null));
        }
        plan.log.forEach(e -> perList.computeIfAbsent(e.listId(), id -> new int[1]));
        perList.forEach((listId, decided) -> entries.add(new ListingStore.LogEntry(0, listId, null, "RULE EVALUATION",
                decided[0], 0, 0, 0, decided[0] + " transactions decided" + (plan.fromJournal
                        ? " for " + plan.changes.size() + " changed articles" : " looking at the whole list"), null)));
        store.log(entries);
        int automatic = (int) plan.updated.values().stream()
                .filter(i -> !i.leaving() && !plan.stays.contains(i)).count();
        return new Summary(plan.changes.size(), perList.size(), added.size(), plan.removed.size(), automatic, byKind);
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** The lists, or one list, with their listing, rule and compiled filter; an edited rule or listing replaces the stored one. */
    private List<ListContext> contexts(Long onlyList, SalesRule editedRule, Listing editedListing) {
        Map<Long, Listing> listings = new HashMap<>();
        Map<Long, SalesRule> rules = new HashMap<>();
        List<ListContext> contexts = new ArrayList<>();
        List<SalesList> lists = onlyList == null ? store.lists()
                : List.of(store.list(onlyList).orElseThrow(() -> new IllegalArgumentException("no list " + onlyList)));
        for (SalesList list : lists) {
            Listing listing = editedListing != null ? editedListing
                    : listings.computeIfAbsent(list.listingId(), id -> store.listing(id).orElseThrow());
            SalesRule rule = editedRule != null ? editedRule
                    : list.ruleId() == null ? null : rules.computeIfAbsent(list.ruleId(), id -> store.rule(id).orElseThrow());
            contexts.add(new ListContext(list, listing, rule, filter(rule)));
        }
        return contexts;
    }

    static ArticleFilter filter(SalesRule rule) {
        if (rule == null || rule.filterText().isBlank()) {
            return ArticleFilter.all();
        }
        try {
            return ArticleFilter.parse(rule.filterText());
        } catch (FilterSyntaxException stored) {
            // refused when saved: a stored filter that no longer parses (the language changed) adds nothing
            log.warn("The filter of sales rule {} does not parse ({}): it matches no article", rule.id(),
                    stored.getMessage());
            return NONE;
        }
    }

    private static final ArticleFilter NONE = noneFilter();

    private static ArticleFilter noneFilter() {
        try {
            return ArticleFilter.parse("code = \"\" and not code = \"\"");
        } catch (FilterSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(long listId, String code) {
        return listId + ":" + code;
    }

    /** The kinds in the order of urgency. */
    static Set<ListingTransaction.Kind> allKinds() {
        return EnumSet.allOf(ListingTransaction.Kind.class);
    }
}
