package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.listing.ListingTransaction.Decided;
import io.sincro.listing.ListingTransaction.Kind;
import io.sincro.listing.filter.ArticleFilter;
import io.sincro.shop.Platform;
import io.sincro.store.ArticleChanges.What;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The manual's rules of seed 004 (sales rules: add, removal, update actions, manual and automatic items) and
 * of the listing's sync rules (publish, revise, relist, stop; quantity and price methods), one test each,
 * named after the rule.
 */
class SalesRulesAndSyncRulesTest {

    static final long LIST = 7;

    static SalesRule rule(SalesRule.AddAction add, SalesRule.RemovalAction removal, SalesRule.UpdateAction update) {
        return new SalesRule(1L, "shoes", Platform.MAGENTO, "category = \"SHOES\"", add, removal, update, false, true);
    }

    static final SalesRule ADDS_AND_STOPS = rule(SalesRule.AddAction.ADD_TO_LIST,
            SalesRule.RemovalAction.STOP_ON_MARKETPLACE, SalesRule.UpdateAction.MODIFY_ON_MARKETPLACE);
    static final SalesRule NO_ACTIONS = rule(SalesRule.AddAction.NONE, SalesRule.RemovalAction.NONE,
            SalesRule.UpdateAction.NONE);

    static ArticleFilter filter(SalesRule rule) {
        return RuleEvaluation.filter(rule);
    }

    static Listing listing(Listing.QuantityMethod quantity, Listing.SyncRules rules) {
        return new Listing(1L, "shoes on magento", "shop", "it", List.of("code", "description"), null, List.of(1),
                quantity, new Listing.PriceMethod(1, null, null, null), rules);
    }

    static final Listing.QuantityMethod AVAILABLE = new Listing.QuantityMethod(Listing.QuantityMethod.Kind.PERCENT,
            null, BigDecimal.valueOf(100), null, null);
    static final Listing.Conditions PUBLISH_IN_STOCK = new Listing.Conditions(true, false, true, null, null);
    static final Listing.Revise QUANTITY_ALWAYS = new Listing.Revise(true, Listing.Revise.QuantityWhen.ALWAYS, null,
            Listing.Revise.PriceWhen.NO, null, false);

    static SalesList.Item item(String code, SalesList.Origin origin, SalesList.ItemState state) {
        return new SalesList.Item(LIST, code, origin, state, null, null, null, null,
                state != SalesList.ItemState.NOT_PUBLISHED, false, null);
    }

    /** The item as published from these facts by this listing. */
    static SalesList.Item published(Listing listing, Facts facts) {
        SyncRuleDecisions.Computed now = SyncRuleDecisions.Computed.of(listing, facts);
        return new SalesList.Item(LIST, facts.code(), SalesList.Origin.AUTOMATIC, SalesList.ItemState.PUBLISHED,
                "p-" + facts.code(), now.quantity().orElseThrow(), now.price().orElseThrow(), now.hash(), true, false,
                null);
    }

    static List<Kind> kinds(List<Decided> decided) {
        return decided.stream().map(Decided::kind).toList();
    }

    // ------------------------------------------------------------------------- sales rules (seed 004)

    @Test
    void aMatchingArticleIsAddedAsAutomaticWhenTheRuleSaysAddToTheList() {
        ListMaintenance.Outcome outcome = ListMaintenance.decide(ADDS_AND_STOPS, filter(ADDS_AND_STOPS), null,
                Facts.of("A", "shoe", 5, "10"));

        assertThat(outcome.action()).isEqualTo(ListMaintenance.Action.ADD);
        assertThat(outcome.reason()).contains("shoes");
    }

    @Test
    void withNoAddActionNewArticlesGoIntoTheListOnlyByHand() {
        assertThat(ListMaintenance.decide(NO_ACTIONS, filter(NO_ACTIONS), null, Facts.of("A", "shoe", 5, "10"))
                .action()).isEqualTo(ListMaintenance.Action.NOTHING);
    }

    @Test
    void aManualItemThatStartsMatchingBecomesAutomatic() {
        SalesList.Item manual = item("A", SalesList.Origin.MANUAL, SalesList.ItemState.PUBLISHED);

        assertThat(ListMaintenance.decide(ADDS_AND_STOPS, filter(ADDS_AND_STOPS), manual,
                Facts.of("A", "shoe", 5, "10")).action()).isEqualTo(ListMaintenance.Action.MAKE_AUTOMATIC);
    }

    @Test
    void manualItemsAreNeverRemovedByTheFilter() {
        SalesList.Item manual = item("A", SalesList.Origin.MANUAL, SalesList.ItemState.PUBLISHED);
        Facts bag = new Facts("A", "bag", "BAGS", BigDecimal.ONE, BigDecimal.TEN, true);

        assertThat(ListMaintenance.decide(ADDS_AND_STOPS, filter(ADDS_AND_STOPS), manual, bag).action())
                .isEqualTo(ListMaintenance.Action.NOTHING);
    }

    @Test
    void anAutomaticItemThatNoLongerMatchesIsStoppedBeforeItIsRemovedWhenTheRuleSaysStop() {
        SalesList.Item automatic = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.PUBLISHED);
        Facts bag = new Facts("A", "bag", "BAGS", BigDecimal.ONE, BigDecimal.TEN, true);

        ListMaintenance.Outcome outcome = ListMaintenance.decide(ADDS_AND_STOPS, filter(ADDS_AND_STOPS), automatic, bag);

        assertThat(outcome.action()).isEqualTo(ListMaintenance.Action.STOP_THEN_REMOVE);
        assertThat(outcome.reason()).contains("no longer matches");
    }

    @Test
    void anAutomaticItemThatNoLongerMatchesStaysInTheListAndOnTheMarketplaceWithNoRemovalAction() {
        SalesList.Item automatic = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.PUBLISHED);
        Facts bag = new Facts("A", "bag", "BAGS", BigDecimal.ONE, BigDecimal.TEN, true);

        assertThat(ListMaintenance.decide(NO_ACTIONS, filter(NO_ACTIONS), automatic, bag).action())
                .isEqualTo(ListMaintenance.Action.NOTHING);
    }

    @Test
    void anArticleGoneFromTheErpLeavesTheListWithoutAStopWhenTheRuleSaysNoAction() {
        SalesList.Item published = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.PUBLISHED);

        assertThat(ListMaintenance.decide(NO_ACTIONS, filter(NO_ACTIONS), published, null).action())
                .isEqualTo(ListMaintenance.Action.REMOVE);
        assertThat(ListMaintenance.decide(ADDS_AND_STOPS, filter(ADDS_AND_STOPS), published, null).action())
                .isEqualTo(ListMaintenance.Action.STOP_THEN_REMOVE);
    }

    @Test
    void anItemNotOnTheMarketplaceIsRemovedWithoutAStop() {
        SalesList.Item notPublished = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.NOT_PUBLISHED);
        Facts bag = new Facts("A", "bag", "BAGS", BigDecimal.ONE, BigDecimal.TEN, true);

        assertThat(ListMaintenance.decide(ADDS_AND_STOPS, filter(ADDS_AND_STOPS), notPublished, bag).action())
                .isEqualTo(ListMaintenance.Action.REMOVE);
    }

    @Test
    void theHubNeverDeletesOnAMarketplaceTheMostItDoesIsAStop() {
        assertThat(Arrays.stream(Kind.values()).map(Enum::name))
                .containsExactly("STOP", "QUANTITY", "PRICE", "MODIFY", "PUBLISH", "RELIST")
                .noneMatch(name -> name.contains("DELETE"));
        // an item on its way out gets nothing more than its STOP
        SalesList.Item leaving = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.PUBLISHED).leaving(true);
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(PUBLISH_IN_STOCK, QUANTITY_ALWAYS, null, null));
        assertThat(SyncRuleDecisions.decide(listing, ADDS_AND_STOPS, leaving, Facts.of("A", "x", 3, "5"),
                Set.of(What.QUANTITY))).isEmpty();
    }

    // -------------------------------------------------------------------- seed 004's worked example

    @Test
    void seedExampleModifyForAbAndCQuantityForCAndD() {
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(PUBLISH_IN_STOCK, QUANTITY_ALWAYS, null, null));
        Facts a = Facts.of("A", "red shoe", 5, "10");
        Facts b = Facts.of("B", "blue shoe", 5, "10");
        Facts c = Facts.of("C", "green shoe", 5, "10");
        Facts d = Facts.of("D", "white shoe", 5, "10");

        List<Decided> decided = new java.util.ArrayList<>();
        decided.addAll(SyncRuleDecisions.decide(listing, ADDS_AND_STOPS, published(listing, a),
                a.withDescription("red shoe, leather"), Set.of(What.CONTENT)));
        decided.addAll(SyncRuleDecisions.decide(listing, ADDS_AND_STOPS, published(listing, b),
                b.withDescription("blue shoe, leather"), Set.of(What.CONTENT)));
        decided.addAll(SyncRuleDecisions.decide(listing, ADDS_AND_STOPS, published(listing, c),
                c.withDescription("green shoe, leather").withStock(3), Set.of(What.CONTENT, What.QUANTITY)));
        decided.addAll(SyncRuleDecisions.decide(listing, ADDS_AND_STOPS, published(listing, d), d.withStock(12),
                Set.of(What.QUANTITY)));

        assertThat(decided).extracting(t -> t.kind() + " " + t.articleCode())
                .containsExactlyInAnyOrder("MODIFY A", "MODIFY B", "MODIFY C", "QUANTITY C", "QUANTITY D");
        assertThat(decided).filteredOn(t -> t.kind() == Kind.QUANTITY)
                .extracting(t -> t.values().path("quantity").asText()).containsExactlyInAnyOrder("3", "12");
        assertThat(decided).filteredOn(t -> t.kind() == Kind.MODIFY)
                .allSatisfy(t -> assertThat(t.values().has("price") && t.values().has("quantity")).isTrue());
    }

    // ----------------------------------------------------------------------------------- sync rules

    @Test
    void publicationConditionsAreAllRequired() {
        Listing.Conditions publishedInStockAtLeastFive = new Listing.Conditions(true, true, true,
                new Listing.Range(BigDecimal.valueOf(5), null), null);
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(publishedInStockAtLeastFive, null, null, null));
        SalesList.Item fresh = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.NOT_PUBLISHED);

        assertThat(kinds(SyncRuleDecisions.decide(listing, null, fresh, Facts.of("A", "x", 6, "5"), Set.of())))
                .containsExactly(Kind.PUBLISH);
        assertThat(SyncRuleDecisions.decide(listing, null, fresh, Facts.of("A", "x", 4, "5"), Set.of())).isEmpty();
        assertThat(SyncRuleDecisions.decide(listing, null, fresh, Facts.of("A", "x", 6, "5").unpublished(), Set.of()))
                .isEmpty();
    }

    @Test
    void anyOneStopConditionStopsAnItem() {
        Listing.Stop stop = new Listing.Stop(true, true, true, null, null);
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(null, QUANTITY_ALWAYS, null, stop));
        Facts shoe = Facts.of("A", "x", 6, "5");
        SalesList.Item onSale = published(listing, shoe);

        assertThat(kinds(SyncRuleDecisions.decide(listing, null, onSale, shoe.unpublished(), Set.of())))
                .containsExactly(Kind.STOP);
        assertThat(kinds(SyncRuleDecisions.decide(listing, null, onSale, shoe.withStock(0), Set.of())))
                .containsExactly(Kind.STOP);
        assertThat(SyncRuleDecisions.decide(listing, null, onSale, shoe, Set.of())).isEmpty();
    }

    @Test
    void relistOnlyItemsPublishedBeforeAndStopped() {
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(null, null, PUBLISH_IN_STOCK, null));
        Facts shoe = Facts.of("A", "x", 6, "5");
        SalesList.Item stoppedAfterSale = new SalesList.Item(LIST, "A", SalesList.Origin.AUTOMATIC,
                SalesList.ItemState.STOPPED, "p-A", BigDecimal.ONE, BigDecimal.ONE, null, true, false, null);
        SalesList.Item neverPublished = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.NOT_PUBLISHED);
        SalesList.Item onSale = published(listing, shoe);

        assertThat(kinds(SyncRuleDecisions.decide(listing, null, stoppedAfterSale, shoe, Set.of())))
                .containsExactly(Kind.RELIST);
        assertThat(SyncRuleDecisions.decide(listing, null, neverPublished, shoe, Set.of())).isEmpty();
        assertThat(SyncRuleDecisions.decide(listing, null, onSale, shoe, Set.of())).isEmpty();
    }

    @Test
    void itemsAwaitingLinkAreSubjectToRelistAndReviseRulesAtOnce() {
        SalesList.Item awaiting = item("A", SalesList.Origin.AUTOMATIC, SalesList.ItemState.AWAITING_LINK);
        Facts shoe = Facts.of("A", "x", 6, "5");

        assertThat(kinds(SyncRuleDecisions.decide(listing(AVAILABLE, new Listing.SyncRules(null, null,
                PUBLISH_IN_STOCK, null)), null, awaiting, shoe, Set.of()))).containsExactly(Kind.RELIST);
        assertThat(kinds(SyncRuleDecisions.decide(listing(AVAILABLE, new Listing.SyncRules(PUBLISH_IN_STOCK,
                QUANTITY_ALWAYS, null, null)), null, awaiting, shoe, Set.of()))).containsExactly(Kind.QUANTITY);
    }

    @Test
    void quantityIsAPercentageOfTheAvailabilityCappedAtTheMaximumAndNotPublishedBelowTheMinimum() {
        Listing.QuantityMethod twentyPercent = new Listing.QuantityMethod(Listing.QuantityMethod.Kind.PERCENT, null,
                BigDecimal.valueOf(20), BigDecimal.valueOf(10), BigDecimal.valueOf(20));

        assertThat(twentyPercent.compute(BigDecimal.valueOf(80))).contains(BigDecimal.valueOf(16));
        assertThat(twentyPercent.compute(BigDecimal.valueOf(200))).contains(BigDecimal.valueOf(20));
        assertThat(twentyPercent.compute(BigDecimal.valueOf(40))).isEmpty();
        assertThat(new Listing.QuantityMethod(Listing.QuantityMethod.Kind.ONE, null, null, null, null)
                .compute(BigDecimal.ZERO)).contains(BigDecimal.ONE);
        assertThat(new Listing.QuantityMethod(Listing.QuantityMethod.Kind.FIXED, BigDecimal.valueOf(3), null, null, null)
                .compute(BigDecimal.valueOf(100))).contains(BigDecimal.valueOf(3));
    }

    @Test
    void anItemWhoseComputedQuantityFallsBelowTheMinimumIsStoppedAndANewOneIsNotPublished() {
        Listing.QuantityMethod twentyPercentMinTen = new Listing.QuantityMethod(Listing.QuantityMethod.Kind.PERCENT,
                null, BigDecimal.valueOf(20), BigDecimal.valueOf(10), null);
        Listing listing = listing(twentyPercentMinTen, new Listing.SyncRules(PUBLISH_IN_STOCK, QUANTITY_ALWAYS, null,
                null));
        Facts plenty = Facts.of("A", "x", 80, "5");
        SalesList.Item onSale = published(listing, plenty);

        List<Decided> stop = SyncRuleDecisions.decide(listing, null, onSale, plenty.withStock(40), Set.of());
        assertThat(kinds(stop)).containsExactly(Kind.STOP);
        assertThat(stop.get(0).reason()).contains("below the listing's minimum");
        assertThat(SyncRuleDecisions.decide(listing, null, item("A", SalesList.Origin.AUTOMATIC,
                SalesList.ItemState.NOT_PUBLISHED), plenty.withStock(40), Set.of())).isEmpty();
    }

    @Test
    void quantityIsRevisedOnlyAtOrBelowTheThresholdWhenTheRuleSaysSo() {
        Listing.Revise atOrBelowFive = new Listing.Revise(true, Listing.Revise.QuantityWhen.AT_OR_BELOW,
                BigDecimal.valueOf(5), Listing.Revise.PriceWhen.NO, null, false);
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(null, atOrBelowFive, null, null));
        Facts shoe = Facts.of("A", "x", 20, "5");
        SalesList.Item onSale = published(listing, shoe);

        assertThat(SyncRuleDecisions.decide(listing, null, onSale, shoe.withStock(12), Set.of(What.QUANTITY)))
                .isEmpty();
        assertThat(kinds(SyncRuleDecisions.decide(listing, null, onSale, shoe.withStock(5), Set.of(What.QUANTITY))))
                .containsExactly(Kind.QUANTITY);
    }

    @Test
    void priceIsRevisedOnlyWhenItMovedByAtLeastThePercentage() {
        Listing.Revise onePercent = new Listing.Revise(true, Listing.Revise.QuantityWhen.NO, null,
                Listing.Revise.PriceWhen.MOVED, BigDecimal.ONE, false);
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(null, onePercent, null, null));

        Facts at2325 = Facts.of("A", "x", 5, "23.25");
        assertThat(SyncRuleDecisions.decide(listing, null, published(listing, at2325), at2325.withPrice("23.26"),
                Set.of(What.PRICE))).isEmpty();
        Facts at24 = Facts.of("B", "x", 5, "24");
        List<Decided> moved = SyncRuleDecisions.decide(listing, null, published(listing, at24), at24.withPrice("24.50"),
                Set.of(What.PRICE));
        assertThat(kinds(moved)).containsExactly(Kind.PRICE);
        assertThat(moved.get(0).values().path("price").decimalValue()).isEqualByComparingTo("24.50");
    }

    @Test
    void thePriceIsTheListPriceTimesTheMultiplierPlusTheAmountRounded() {
        Listing.PriceMethod method = new Listing.PriceMethod(1, new BigDecimal("1.1"), new BigDecimal("-0.5"),
                new BigDecimal("0.05"));
        assertThat(method.compute(Facts.of("A", "x", 1, "19.99"))).hasValueSatisfying(
                price -> assertThat(price).isEqualByComparingTo("21.50"));
        assertThat(new Listing.PriceMethod(2, null, null, null).compute(Facts.of("A", "x", 1, "10")))
                .isEqualTo(Optional.empty());
    }

    @Test
    void aChangedListingDescriptionOrMethodIsAFullModifyWhenTheReviseRuleAsks() {
        Listing.Revise full = new Listing.Revise(true, Listing.Revise.QuantityWhen.NO, null, Listing.Revise.PriceWhen.NO,
                null, true);
        Listing before = listing(AVAILABLE, new Listing.SyncRules(null, full, null, null));
        Facts shoe = Facts.of("A", "x", 5, "10");
        SalesList.Item onSale = published(before, shoe);
        Listing newDescription = new Listing(1L, before.name(), "shop", "it", before.fields(), "{description} - free "
                + "shipping", List.of(1), AVAILABLE, before.price(), before.syncRules());

        assertThat(SyncRuleDecisions.decide(before, NO_ACTIONS, onSale, shoe, Set.of())).isEmpty();
        List<Decided> modify = SyncRuleDecisions.decide(newDescription, NO_ACTIONS, onSale, shoe, Set.of());
        assertThat(kinds(modify)).containsExactly(Kind.MODIFY);
        assertThat(modify.get(0).values().path("content").path("description").asText())
                .isEqualTo("x - free shipping");
    }

    @Test
    void withNoUpdateActionAChangedDescriptionIsNotModified() {
        Listing listing = listing(AVAILABLE, new Listing.SyncRules(null, QUANTITY_ALWAYS, null, null));
        Facts shoe = Facts.of("A", "x", 5, "10");

        assertThat(SyncRuleDecisions.decide(listing, NO_ACTIONS, published(listing, shoe), shoe.withDescription("y"),
                Set.of(What.CONTENT))).isEmpty();
    }
}
