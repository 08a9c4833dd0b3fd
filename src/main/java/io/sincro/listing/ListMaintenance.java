package io.sincro.listing;

import io.sincro.listing.filter.ArticleFacts;
import io.sincro.listing.filter.ArticleFilter;

/**
 * The sales rule's actions on a list ("Aggiunta", "Rimozione" of an article), for one article that is new,
 * changed or gone from the ERP, as seed 004 states them:
 * <ul>
 * <li>a matching article not in the list is added, as AUTOMATIC, when the rule says "add to the list"
 * (AWAITING_LINK when the rule treats new items as already on sale, else NOT_PUBLISHED);</li>
 * <li>a MANUAL item that starts matching a rule that adds becomes AUTOMATIC;</li>
 * <li>an AUTOMATIC item that no longer matches: with "no action" nothing happens (it stays in the list and
 * on the marketplace); with "stop on the marketplace" it is stopped there first, then removed;</li>
 * <li>an article gone from the ERP leaves the list, stopped first when the rule says so;</li>
 * <li>MANUAL items are never removed by the filter; nothing is ever deleted on a marketplace.</li>
 * </ul>
 * A pure function: the evaluation stores what it says.
 */
final class ListMaintenance {

    enum Action {
        NOTHING,
        ADD,
        MAKE_AUTOMATIC,
        /** An item on its way out matches again: it stays (its STOP, if unsent, is superseded). */
        STAY,
        REMOVE,
        STOP_THEN_REMOVE
    }

    record Outcome(Action action, String reason) {
        static final Outcome NOTHING = new Outcome(Action.NOTHING, null);
    }

    private ListMaintenance() {
    }

    /**
     * @param rule    the list's rule; null for a list without one (by hand only)
     * @param item    the article's item in the list, null when it is not in it
     * @param article the article's facts; null when it left the ERP
     */
    static Outcome decide(SalesRule rule, ArticleFilter filter, SalesList.Item item, ArticleFacts article) {
        String ruleName = rule == null ? "no rule" : "rule \"" + rule.name() + "\"";
        boolean stops = rule != null && rule.removalAction() == SalesRule.RemovalAction.STOP_ON_MARKETPLACE;
        if (article == null) {
            if (item == null) {
                return Outcome.NOTHING;
            }
            return leave(item, stops, "the article is no longer in the ERP (" + ruleName + ", removal: "
                    + (rule == null ? SalesRule.RemovalAction.NONE : rule.removalAction()) + ")");
        }
        if (rule == null) {
            return Outcome.NOTHING;
        }
        boolean adds = rule.addAction() == SalesRule.AddAction.ADD_TO_LIST;
        boolean matches = filter.matches(article);
        if (matches) {
            if (item == null) {
                return adds ? new Outcome(Action.ADD, "matches the filter of " + ruleName + " (add to the list)")
                        : Outcome.NOTHING;
            }
            if (item.origin() == SalesList.Origin.MANUAL && adds) {
                return new Outcome(Action.MAKE_AUTOMATIC, "added by hand, now matches the filter of " + ruleName
                        + ": treated as automatic from now on");
            }
            if (item.leaving()) {
                return new Outcome(Action.STAY, "matches the filter of " + ruleName + " again: stays in the list");
            }
            return Outcome.NOTHING;
        }
        if (item == null || item.origin() == SalesList.Origin.MANUAL || item.leaving()) {
            return Outcome.NOTHING;
        }
        if (!stops) {
            // "Nessuna Azione": neither removed from the list nor stopped on the marketplace
            return Outcome.NOTHING;
        }
        return leave(item, true, "no longer matches the filter of " + ruleName
                + " (removal: stop on the marketplace, then remove)");
    }

    private static Outcome leave(SalesList.Item item, boolean stops, String why) {
        if (stops && item.state().onMarketplace()) {
            return new Outcome(Action.STOP_THEN_REMOVE, why);
        }
        return new Outcome(Action.REMOVE, why);
    }
}
