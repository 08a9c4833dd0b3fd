package io.sincro.listing;

import io.sincro.listing.filter.ArticleFacts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A listing ("Inserzione"): how an article becomes an item of one shop account and store — the fields
 * sent, the description, how quantity and price are computed — with its sync rules ("Regole di
 * sincronizzazione"). The manual's names are kept in the comments.
 *
 * @param fields      the article fields the item carries: code, description, category, primaryCategory, or
 *                    {@code attribute:NAME}; together with the description they are the listed content
 * @param description the description sent, with placeholders {@code {code}}, {@code {description}},
 *                    {@code {category}}, {@code {attribute:NAME}}; empty: the article's description
 * @param warehouses  the ERP warehouses whose availability counts (the account's warehouses)
 */
public record Listing(Long id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String accountId,
        @NotBlank @Size(max = 64) String storeCode,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> fields,
        @Size(max = 4000) String description,
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Min(1) Integer> warehouses,
        @NotNull @Valid QuantityMethod quantity,
        @NotNull @Valid PriceMethod price,
        @NotNull @Valid SyncRules syncRules) {

    public Listing withId(long newId) {
        return new Listing(newId, name, accountId, storeCode, fields, description, warehouses, quantity, price,
                syncRules);
    }

    /** The availability the quantity method starts from: the listing's warehouses added up. */
    public BigDecimal availability(ArticleFacts article) {
        BigDecimal total = BigDecimal.ZERO;
        for (Integer warehouse : warehouses) {
            BigDecimal available = article.available(warehouse);
            total = total.add(available == null ? BigDecimal.ZERO : available);
        }
        return total;
    }

    /**
     * "Quantità": ONE ("Singolo oggetto"), FIXED N ("Valore personalizzato") or PERCENT of the availability
     * ("Quantità in magazzino"), whole pieces rounded down, with an optional minimum (below it the item is
     * not published, or is stopped) and maximum (a cap).
     */
    public record QuantityMethod(@NotNull Kind kind,
            @DecimalMin("0") BigDecimal fixed,
            @DecimalMin("0") BigDecimal percent,
            @DecimalMin("0") BigDecimal minimum,
            @DecimalMin("0") BigDecimal maximum) {

        public enum Kind { ONE, FIXED, PERCENT }

        /** The quantity to publish; empty when the availability gives less than the minimum. */
        public java.util.Optional<BigDecimal> compute(BigDecimal availability) {
            BigDecimal quantity = switch (kind) {
                case ONE -> BigDecimal.ONE;
                case FIXED -> fixed == null ? BigDecimal.ZERO : fixed;
                case PERCENT -> availability.max(BigDecimal.ZERO)
                        .multiply(percent == null ? BigDecimal.valueOf(100) : percent)
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR);
            };
            if (kind == Kind.PERCENT && minimum != null && quantity.compareTo(minimum) < 0) {
                return java.util.Optional.empty();
            }
            if (kind == Kind.PERCENT && maximum != null && quantity.compareTo(maximum) > 0) {
                quantity = maximum;
            }
            return java.util.Optional.of(plain(quantity));
        }
    }

    /**
     * "Prezzo": the price of an ERP price list, times a multiplier, plus (or minus) an amount, rounded to a
     * step (0.01 by default; 0.05, 0.10, 1…).
     */
    public record PriceMethod(@NotNull @Min(1) Integer priceList,
            @DecimalMin(value = "0", inclusive = false) BigDecimal multiplier,
            BigDecimal amount,
            @DecimalMin(value = "0", inclusive = false) BigDecimal rounding) {

        /** The price to publish; empty when the article has no price in the list. */
        public java.util.Optional<BigDecimal> compute(ArticleFacts article) {
            BigDecimal listPrice = article.price(priceList);
            if (listPrice == null) {
                return java.util.Optional.empty();
            }
            BigDecimal price = listPrice.multiply(multiplier == null ? BigDecimal.ONE : multiplier)
                    .add(amount == null ? BigDecimal.ZERO : amount);
            BigDecimal step = rounding == null ? new BigDecimal("0.01") : rounding;
            BigDecimal rounded = price.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
            return java.util.Optional.of(rounded.max(BigDecimal.ZERO).setScale(Math.max(2, step.scale()),
                    RoundingMode.HALF_UP));
        }
    }

    /** A number as it is written, without trailing zeros nor exponent: 16, 2.5. */
    static BigDecimal plain(BigDecimal value) {
        return new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    /** The four kinds of sync rule of the listing's "Sincronizzazione" tab. */
    public record SyncRules(@Valid Conditions publish, @Valid Revise revise, @Valid Conditions relist,
            @Valid Stop stop) {

        public Conditions publishOrOff() {
            return publish == null ? Conditions.OFF : publish;
        }

        public Revise reviseOrOff() {
            return revise == null ? Revise.OFF : revise;
        }

        public Conditions relistOrOff() {
            return relist == null ? Conditions.OFF : relist;
        }

        public Stop stopOrOff() {
            return stop == null ? Stop.OFF : stop;
        }
    }

    /** A range of quantities: at least {@code min}, at most {@code max}; either may be left out. */
    public record Range(BigDecimal min, BigDecimal max) {

        boolean contains(BigDecimal value) {
            return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
        }

        @Override
        public String toString() {
            return min != null && max != null ? "between " + min.toPlainString() + " and " + max.toPlainString()
                    : min != null ? "≥ " + min.toPlainString() : max != null ? "≤ " + max.toPlainString() : "any";
        }
    }

    /**
     * Conditions of a publication ("Messa in Vendita") or relist ("Rimessa in Vendita") rule, all AND-ed:
     * the article published on the site, in stock (availability &gt; 0), its warehouse quantity and its
     * computed quantity within ranges. A condition left out is "Qualsiasi".
     */
    public record Conditions(boolean enabled, boolean publishedOnly, boolean inStock, @Valid Range warehouseQuantity,
            @Valid Range computedQuantity) {

        static final Conditions OFF = new Conditions(false, false, false, null, null);
    }

    /**
     * "Modifica in Vendita": partial revisions — the quantity (ALWAYS, or AT_OR_BELOW a threshold) and the
     * price (ALWAYS, or when it MOVED by at least a percentage) — and the full "Modifica" of every item when
     * the listing's description or price/quantity method changed.
     */
    public record Revise(boolean enabled, QuantityWhen quantity, @DecimalMin("0") BigDecimal quantityThreshold,
            PriceWhen price, @DecimalMin("0") BigDecimal priceMovedPercent, boolean fullOnMethodChange) {

        public enum QuantityWhen { NO, ALWAYS, AT_OR_BELOW }

        public enum PriceWhen { NO, ALWAYS, MOVED }

        static final Revise OFF = new Revise(false, QuantityWhen.NO, null, PriceWhen.NO, null, false);

        QuantityWhen quantityOrNo() {
            return quantity == null ? QuantityWhen.NO : quantity;
        }

        PriceWhen priceOrNo() {
            return price == null ? PriceWhen.NO : price;
        }
    }

    /**
     * "Regole di Blocco (Arresto)", OR-ed: any one stops the item — not published on the site, sold out
     * (availability ≤ 0), the warehouse quantity or the computed quantity within a range (≤ X: a max only).
     */
    public record Stop(boolean enabled, boolean whenNotPublished, boolean whenSoldOut, @Valid Range warehouseQuantity,
            @Valid Range computedQuantity) {

        static final Stop OFF = new Stop(false, false, false, null, null);
    }
}
