package io.sincro.listing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.listing.ListingTransaction.Decided;
import io.sincro.listing.ListingTransaction.Kind;
import io.sincro.listing.filter.ArticleFacts;
import io.sincro.store.ArticleChanges;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The listing's sync rules applied to one item of a list, as the manual states them:
 * <ul>
 * <li>publication ("Messa in Vendita"), conditions AND-ed, for items not yet published;</li>
 * <li>stop ("Blocco"), conditions OR-ed, for items on the marketplace; a computed quantity below the
 * quantity method's minimum stops too;</li>
 * <li>the sales rule's update action: a full MODIFY when the listed content changed; the revise rule's
 * "Modifiche Totali": a full MODIFY when the listing's description or methods changed;</li>
 * <li>revise ("Modifica in Vendita"), partial: QUANTITY (always, or when the computed quantity is at or
 * below a threshold) and PRICE (always, or when it moved by at least a percentage), whenever the value
 * differs from the published one — also after a MODIFY in the same evaluation (seed 004's example);</li>
 * <li>relist ("Rimessa in Vendita"), AND-ed, only for items published before and stopped, and for items
 * awaiting link.</li>
 * </ul>
 * A pure function of the listing, the rule, the item as last published and the article as it is now: the
 * same inputs give the same decisions, so deciding again changes nothing.
 */
final class SyncRuleDecisions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SyncRuleDecisions() {
    }

    static List<Decided> decide(Listing listing, SalesRule rule, SalesList.Item item, ArticleFacts article,
            Set<ArticleChanges.What> changed) {
        List<Decided> decided = new ArrayList<>();
        if (item.leaving()) {
            return decided;
        }
        Computed now = Computed.of(listing, article);
        Listing.SyncRules rules = listing.syncRules();
        String change = changed.isEmpty() ? "" : " (article changed: " + describe(changed) + ")";
        SalesList.ItemState state = item.state();
        boolean onMarketplace = state == SalesList.ItemState.PUBLISHED || state == SalesList.ItemState.PENDING
                || state == SalesList.ItemState.AWAITING_LINK
                || state == SalesList.ItemState.PROBLEM && item.publishedBefore();
        if (!onMarketplace && state != SalesList.ItemState.STOPPED) {
            String why = holds(rules.publishOrOff(), article, now);
            if (why != null) {
                decided.add(new Decided(item.listId(), item.articleCode(), Kind.PUBLISH, now.full(item),
                        "publication rule: " + why + change));
            }
            return decided;
        }
        if (state == SalesList.ItemState.STOPPED || state == SalesList.ItemState.AWAITING_LINK) {
            String why = holds(rules.relistOrOff(), article, now);
            if (why != null && (item.publishedBefore() || state == SalesList.ItemState.AWAITING_LINK)) {
                decided.add(new Decided(item.listId(), item.articleCode(), Kind.RELIST, now.full(item),
                        "relist rule: " + why + (state == SalesList.ItemState.AWAITING_LINK
                                ? " (awaiting link: treated as already on sale)" : " (published before, stopped)")
                                + change));
                return decided;
            }
            if (state == SalesList.ItemState.STOPPED) {
                return decided;
            }
        }
        String stop = stopReason(rules.stopOrOff(), article, now);
        if (stop != null) {
            decided.add(new Decided(item.listId(), item.articleCode(), Kind.STOP, now.stop(item), stop + change));
            return decided;
        }
        boolean contentChanged = item.contentHash() != null
                ? !Objects.equals(ListedContent.contentPart(now.hash), ListedContent.contentPart(item.contentHash()))
                : changed.contains(ArticleChanges.What.CONTENT);
        boolean methodChanged = item.contentHash() != null
                && !Objects.equals(ListedContent.methodPart(now.hash), ListedContent.methodPart(item.contentHash()));
        Listing.Revise revise = rules.reviseOrOff();
        if (rule != null && rule.updateAction() == SalesRule.UpdateAction.MODIFY_ON_MARKETPLACE && contentChanged) {
            decided.add(new Decided(item.listId(), item.articleCode(), Kind.MODIFY, now.full(item),
                    "update action of rule \"" + rule.name() + "\" (modify on the marketplace): the listed content "
                            + "changed" + change));
        } else if (revise.enabled() && revise.fullOnMethodChange() && methodChanged) {
            decided.add(new Decided(item.listId(), item.articleCode(), Kind.MODIFY, now.full(item),
                    "revise rule (full): the listing's description or price/quantity method changed"));
        }
        if (!revise.enabled()) {
            return decided;
        }
        BigDecimal quantity = now.quantity.orElseThrow();
        boolean quantityDiffers = item.publishedQuantity() == null
                || quantity.compareTo(item.publishedQuantity()) != 0;
        switch (revise.quantityOrNo()) {
            case ALWAYS -> {
                if (quantityDiffers) {
                    decided.add(quantity(item, quantity, "revise rule (quantity, always): " + was(item
                            .publishedQuantity()) + " → " + quantity.toPlainString() + change));
                }
            }
            case AT_OR_BELOW -> {
                BigDecimal threshold = revise.quantityThreshold() == null ? BigDecimal.ZERO
                        : revise.quantityThreshold();
                if (quantityDiffers && quantity.compareTo(threshold) <= 0) {
                    decided.add(quantity(item, quantity, "revise rule (quantity when ≤ " + threshold.toPlainString()
                            + "): " + was(item.publishedQuantity()) + " → " + quantity.toPlainString() + change));
                }
            }
            case NO -> {
            }
        }
        if (now.price.isPresent()) {
            BigDecimal price = now.price.get();
            BigDecimal old = item.publishedPrice();
            boolean priceDiffers = old == null || price.compareTo(old) != 0;
            switch (revise.priceOrNo()) {
                case ALWAYS -> {
                    if (priceDiffers) {
                        decided.add(price(item, price, "revise rule (price, always): " + was(old) + " → "
                                + price.toPlainString() + change));
                    }
                }
                case MOVED -> {
                    BigDecimal percent = revise.priceMovedPercent() == null ? BigDecimal.ZERO
                            : revise.priceMovedPercent();
                    if (priceDiffers && (old == null || old.signum() == 0 || movedPercent(old, price)
                            .compareTo(percent) >= 0)) {
                        decided.add(price(item, price, "revise rule (price when moved ≥ " + percent.toPlainString()
                                + "%): " + was(old) + " → " + price.toPlainString() + change));
                    }
                }
                case NO -> {
                }
            }
        }
        return decided;
    }

    /** How far a price moved, in percent of the published one. */
    static BigDecimal movedPercent(BigDecimal old, BigDecimal now) {
        return now.subtract(old).abs().multiply(BigDecimal.valueOf(100)).divide(old.abs(), MathContext.DECIMAL64);
    }

    /** Why the AND-ed conditions of a publication or relist rule hold; null when the rule is off or one fails. */
    static String holds(Listing.Conditions rule, ArticleFacts article, Computed now) {
        if (!rule.enabled() || now.quantity.isEmpty() || now.price.isEmpty()) {
            return null;
        }
        List<String> why = new ArrayList<>();
        if (rule.publishedOnly()) {
            if (!article.published()) {
                return null;
            }
            why.add("published on the site");
        }
        if (rule.inStock()) {
            if (now.availability.signum() <= 0) {
                return null;
            }
            why.add("in stock");
        }
        if (rule.warehouseQuantity() != null) {
            if (!rule.warehouseQuantity().contains(now.availability)) {
                return null;
            }
            why.add("warehouse quantity " + now.availability.toPlainString() + " " + rule.warehouseQuantity());
        }
        if (rule.computedQuantity() != null) {
            if (!rule.computedQuantity().contains(now.quantity.get())) {
                return null;
            }
            why.add("computed quantity " + now.quantity.get().toPlainString() + " " + rule.computedQuantity());
        }
        return why.isEmpty() ? "no conditions" : String.join(" and ", why);
    }

    /** The first of the OR-ed stop conditions that holds, or the quantity below the minimum; null: no stop. */
    static String stopReason(Listing.Stop rule, ArticleFacts article, Computed now) {
        if (now.quantity.isEmpty()) {
            return "quantity method: the computed quantity is below the listing's minimum (availability "
                    + now.availability.toPlainString() + ")";
        }
        if (!rule.enabled()) {
            return null;
        }
        if (rule.whenNotPublished() && !article.published()) {
            return "stop rule: the article is not published on the site";
        }
        if (rule.whenSoldOut() && now.availability.signum() <= 0) {
            return "stop rule: sold out (availability " + now.availability.toPlainString() + ")";
        }
        if (rule.warehouseQuantity() != null && rule.warehouseQuantity().contains(now.availability)) {
            return "stop rule: warehouse quantity " + now.availability.toPlainString() + " "
                    + rule.warehouseQuantity();
        }
        if (rule.computedQuantity() != null && rule.computedQuantity().contains(now.quantity.get())) {
            return "stop rule: computed quantity " + now.quantity.get().toPlainString() + " "
                    + rule.computedQuantity();
        }
        return null;
    }

    private static Decided quantity(SalesList.Item item, BigDecimal quantity, String why) {
        ObjectNode values = sku(item);
        values.put("quantity", quantity);
        return new Decided(item.listId(), item.articleCode(), Kind.QUANTITY, values, why);
    }

    private static Decided price(SalesList.Item item, BigDecimal price, String why) {
        ObjectNode values = sku(item);
        values.put("price", price);
        return new Decided(item.listId(), item.articleCode(), Kind.PRICE, values, why);
    }

    private static ObjectNode sku(SalesList.Item item) {
        ObjectNode values = JSON.objectNode();
        values.put("sku", item.articleCode());
        if (item.platformId() != null) {
            values.put("platformId", item.platformId());
        }
        return values;
    }

    private static String was(BigDecimal published) {
        return published == null ? "not published" : published.toPlainString();
    }

    static String describe(Set<ArticleChanges.What> changed) {
        return String.join(", ", changed.stream().sorted().map(w -> w.name().toLowerCase()).toList());
    }

    /** The article as the listing would publish it now. */
    record Computed(BigDecimal availability, Optional<BigDecimal> quantity, Optional<BigDecimal> price,
            Map<String, Object> content, String hash, String storeCode) {

        static Computed of(Listing listing, ArticleFacts article) {
            BigDecimal availability = listing.availability(article);
            Map<String, Object> content = ListedContent.of(listing, article);
            return new Computed(availability, listing.quantity().compute(availability), listing.price().compute(article),
                    content, ListedContent.hash(listing, content), listing.storeCode());
        }

        /** Every listed field with price and quantity: what PUBLISH, MODIFY and RELIST send. */
        ObjectNode full(SalesList.Item item) {
            ObjectNode values = sku(item);
            values.put("store", storeCode);
            ObjectNode fields = values.putObject("content");
            content.forEach((field, value) -> fields.put(field, value == null ? null : String.valueOf(value)));
            values.put("quantity", quantity.orElse(BigDecimal.ZERO));
            price.ifPresent(p -> values.put("price", p));
            values.put("contentHash", hash);
            return values;
        }

        ObjectNode stop(SalesList.Item item) {
            return sku(item);
        }
    }
}
