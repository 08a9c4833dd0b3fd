package io.sincro.sync;

import io.sincro.erp.ErpDocumentTotal;
import io.sincro.fiscal.CodiceFiscale;
import io.sincro.fiscal.PartitaIva;
import io.sincro.model.Hold;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.model.OrderState;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.store.Articles;
import io.sincro.store.Customers;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a canonical order in the hub, deciding whether it can go on to the ERP: the fiscal codes
 * must pass their checks, every SKU must be an ERP article (or be coded automatically when the
 * account allows it), the payment method must be mapped. Whatever fails becomes a hold with a
 * reason; the order is stored either way, in one transaction with its customer.
 */
@Component("orderIntake")
public class OrderIntake {

    /** Exchange property holding the shop order being imported. */
    public static final String SHOP_ORDER = "sincroShopOrder";
    /** Exchange property holding the id of the run importing it. */
    public static final String RUN_ID = "sincroRunId";
    /**
     * Exchange property holding the run's {@link KnownArticles}: the SKUs found to be ERP articles, read once
     * per run instead of once per order row.
     */
    public static final String KNOWN_ARTICLES = "sincroKnownArticles";

    /**
     * SKU → code of the ERP's own articles an order run has looked up (not those the hub coded, which the push
     * may still replace by the ERP article they are an alias of).
     */
    public static final class KnownArticles {
        private final Map<String, String> codes = new java.util.concurrent.ConcurrentHashMap<>();
    }

    private final ShopAccounts accounts;
    private final Orders orders;
    private final Customers customers;
    private final Articles articles;
    private final int articleCodeMaxLength;

    public OrderIntake(ShopAccounts accounts, Orders orders, Customers customers, Articles articles,
            @Value("${sincro.articles.code-max-length:20}") int articleCodeMaxLength) {
        this.accounts = accounts;
        this.orders = orders;
        this.customers = customers;
        this.articles = articles;
        this.articleCodeMaxLength = articleCodeMaxLength;
    }

    /** The account a shop order belongs to (the connectors need it to map the order). */
    public ShopAccount accountOf(RawShopOrder order) {
        return accounts.current(order.accountId())
                .orElseThrow(() -> new IllegalStateException("account " + order.accountId() + " no longer exists"));
    }

    @Transactional
    public OrderOutcome store(Order order, @ExchangeProperty(SHOP_ORDER) RawShopOrder raw,
            @ExchangeProperty(RUN_ID) Long runId, @ExchangeProperty(KNOWN_ARTICLES) KnownArticles known,
            @ExchangeProperty(PartialErpSync.FEED) PartialErpSync.Feed feed) {
        Optional<Orders.StoredOrder> existing = orders.findByShopId(order.accountId(), order.shopOrderId());
        if (existing.isPresent()) {
            return outcome(order, OrderOutcome.Result.SKIPPED, existing.get().id(), null);
        }
        ErpNeeds needs = new ErpNeeds();
        Orders.Decision decision = decide(order, accountOf(raw).settings(), known, needs);
        // a NEW order the run's partial sync will push is claimed for it in this commit (not in one of its own)
        long id = orders.insert(order, decision, runId, raw.payload().toString(), feed != null && feed.isOpen());
        if (decision.state() != OrderState.NEW) {
            return outcome(order, OrderOutcome.Result.HELD, id, reason(decision));
        }
        // the run's partial sync takes what the order needs from here, not from another read of the store
        return new OrderOutcome(order.shopOrderId(), order.number(), order.updatedAt(), OrderOutcome.Result.IMPORTED,
                id, null, needs.known ? new Orders.ErpPrerequisites(needs.customer, List.copyOf(needs.articles)) : null);
    }

    /**
     * What a NEW order needs written into the ERP before it, as its intake finds it: its customer when new or
     * changed (or not yet written), the articles the hub coded that are still waiting. {@code known} is false when
     * the intake cannot tell (a customer found by its shop binding alone).
     */
    private static final class ErpNeeds {
        Long customer;
        final java.util.SortedSet<String> articles = new java.util.TreeSet<>();
        boolean known = true;
    }

    /**
     * A held order decided again (retry), from its shop payload mapped anew with the account's current
     * settings: it goes on as NEW when nothing holds it any more, else stays HELD with the new reasons.
     * Empty when the order is no longer HELD (another retry, or it went on meanwhile): never decided twice.
     */
    @Transactional
    public Optional<OrderOutcome> reassess(long id, Order order) {
        if (!orders.lockHeld(id)) {
            return Optional.empty();
        }
        Orders.Decision decision = decide(order, accounts.find(order.accountId())
                .orElseThrow(() -> new IllegalStateException("account " + order.accountId() + " no longer exists"))
                .settings(), null, new ErpNeeds());
        orders.replaceHeld(id, order, decision);
        return Optional.of(outcome(order, decision.state() == OrderState.NEW ? OrderOutcome.Result.IMPORTED
                : OrderOutcome.Result.HELD, id, reason(decision)));
    }

    private static String reason(Orders.Decision decision) {
        return decision.holds().isEmpty() ? null : String.join("; ", decision.holds().stream().map(Hold::message).toList());
    }

    /** What holds the order, if anything, and what it becomes in the ERP (its customer resolved when it can be). */
    private Orders.Decision decide(Order order, AccountSettings settings, KnownArticles known, ErpNeeds needs) {
        List<Hold> holds = new ArrayList<>();
        List<Hold> customerHolds = customerHolds(order.customer());
        holds.addAll(customerHolds);
        if (order.lines().isEmpty()) {
            holds.add(new Hold(Hold.MALFORMED_ORDER, "the order has no article rows"));
        }
        Map<String, String> articleCodes = articleCodes(order, settings, holds, known, needs);
        String erpPayment = order.paymentMethod() == null ? null : settings.paymentMethods().get(order.paymentMethod());
        if (erpPayment == null) {
            holds.add(new Hold(Hold.UNMAPPED_PAYMENT, "payment method '" + order.paymentMethod()
                    + "' has no ERP payment in this account's payment table: add it to paymentMethods"));
        }
        holds.addAll(moneyHolds(order, settings.erp()));
        Carrier carrier = carrier(order.carrier(), settings);
        Long customerId = customerHolds.isEmpty() ? resolveCustomer(order, needs) : null;
        OrderState state = holds.isEmpty() ? OrderState.NEW : OrderState.HELD;
        return new Orders.Decision(state, holds, customerId, erpPayment, carrier.code(), articleCodes, carrier.note());
    }

    private static List<Hold> customerHolds(OrderCustomer customer) {
        List<Hold> holds = new ArrayList<>();
        if (customer == null || customer.email() == null || !customer.email().contains("@")) {
            holds.add(new Hold(Hold.MISSING_EMAIL, "the order has no customer e-mail, so its customer cannot be "
                    + "matched or created"));
            return holds;
        }
        if (customer.vatNumber() != null && !PartitaIva.isForeign(customer.vatNumber())) {
            PartitaIva.whyInvalid(customer.vatNumber())
                    .ifPresent(reason -> holds.add(new Hold(Hold.INVALID_VAT_NUMBER, reason)));
        }
        if (customer.fiscalCode() != null) {
            CodiceFiscale.whyInvalid(customer.fiscalCode())
                    .ifPresent(reason -> holds.add(new Hold(Hold.INVALID_FISCAL_CODE, reason)));
        }
        return holds;
    }

    /**
     * The order's money must be what the ERP will book: its currency the ERP's own or one the account maps
     * to an ERP currency (never foreign amounts booked as the ERP's), and the total of the ERP document the
     * hub would write (rows, expense rows, VAT per rate, rounded as the ERP rounds) the shop's grand total,
     * within the account's tolerance. Checked here, before the order is stored as NEW, so an order that
     * fails either is held and never reaches the ERP.
     */
    static List<Hold> moneyHolds(Order order, ErpDocumentSettings erp) {
        List<Hold> holds = new ArrayList<>();
        String currency = order.currency() == null ? erp.baseCurrency() : order.currency();
        if (!erp.isBaseCurrency(currency) && !erp.currencies().containsKey(currency)) {
            holds.add(new Hold(Hold.UNMAPPED_CURRENCY, "the order is in " + currency + ", not in the ERP's currency ("
                    + erp.baseCurrency() + "), and this account maps no ERP currency for " + currency + ": add it to "
                    + "erp.currencies (" + currency + " → the ERP's id_valuta), or set erp.foreignCurrency to SHOP_BASE "
                    + "to book the shop's " + erp.baseCurrency() + " amounts"));
        }
        if (order.grandTotal() != null && !order.lines().isEmpty()) {
            ErpDocumentTotal erpTotal = ErpDocumentTotal.of(order);
            BigDecimal difference = erpTotal.differenceFrom(order.grandTotal());
            if (difference.compareTo(erp.totalsTolerance()) > 0) {
                holds.add(new Hold(Hold.TOTALS_MISMATCH, "the ERP order would total " + plain(erpTotal.total()) + " "
                        + currency + " but the shop's grand total is " + plain(order.grandTotal()) + " " + currency
                        + " (difference " + plain(difference) + ", more than the " + plain(erp.totalsTolerance())
                        + " allowed): check the order's rows, discounts, shipping and VAT in the shop"));
            }
        }
        return holds;
    }

    private static String plain(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.HALF_UP).toPlainString();
    }

    /** SKU → ERP article code, coding unknown SKUs when the account allows it. */
    private Map<String, String> articleCodes(Order order, AccountSettings settings, List<Hold> holds,
            KnownArticles known, ErpNeeds needs) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            if (line.sku() == null || codes.containsKey(line.sku())) {
                continue;
            }
            String knownCode = known == null ? null : known.codes.get(line.sku());
            if (knownCode != null) {
                codes.put(line.sku(), knownCode);
                continue;
            }
            Optional<Articles.Article> article = articles.findByCodeOrAlias(line.sku());
            if (article.isPresent()) {
                codes.put(line.sku(), article.get().code());
                if ("PENDING".equals(article.get().erpState())) {
                    needs.articles.add(article.get().code());
                }
                if (known != null && article.get().origin() == Articles.Origin.ERP) {
                    known.codes.put(line.sku(), article.get().code());
                }
            } else if (!settings.autoCodeArticles()) {
                holds.add(new Hold(Hold.UNKNOWN_ARTICLE, "SKU " + line.sku() + " (" + line.name() + ") is not an ERP "
                        + "article, and this account does not code new articles automatically"));
            } else if (line.sku().length() > articleCodeMaxLength) {
                holds.add(new Hold(Hold.ARTICLE_CODE_TOO_LONG, "SKU " + line.sku() + " is longer than the ERP's "
                        + articleCodeMaxLength + "-character article code, so it cannot be coded automatically"));
            } else {
                String vat = line.vatRate() == null ? null : line.vatRate().stripTrailingZeros().toPlainString();
                String code = articles.autoCode(line.sku(), line.name() == null ? line.sku() : line.name(), vat).code();
                codes.put(line.sku(), code);
                needs.articles.add(code);
            }
        }
        return codes;
    }

    private record Carrier(String code, String note) {
    }

    private static Carrier carrier(String shippingMethod, AccountSettings settings) {
        if (shippingMethod != null) {
            String mapped = settings.carriers().get(shippingMethod);
            if (mapped == null) {
                mapped = settings.carriers().get(shippingMethod.split("_", 2)[0]);
            }
            if (mapped != null) {
                return new Carrier(mapped, null);
            }
        }
        return new Carrier(settings.defaultCarrier(), settings.defaultCarrier() == null ? null
                : "carrier '" + shippingMethod + "' not mapped: default carrier used");
    }

    /**
     * The hub customer of the order. Registered shop customers are found by their binding, else by
     * e-mail, and refreshed from the order. Guests join the customer with their e-mail and the same
     * name; a guest with a known e-mail but another name becomes a customer of their own.
     */
    private long resolveCustomer(Order order, ErpNeeds needs) {
        OrderCustomer buyer = order.customer();
        List<Customers.StoredCustomer> sameEmail = customers.findByEmail(buyer.email());
        Optional<Long> match;
        if (!buyer.guest()) {
            match = customers.findBound(order.accountId(), buyer.shopCustomerId())
                    .or(() -> sameEmail.stream().filter(c -> c.sameNameAs(buyer)).findFirst()
                            .or(() -> sameEmail.stream().findFirst()).map(Customers.StoredCustomer::id));
        } else {
            match = sameEmail.stream().filter(c -> c.sameNameAs(buyer)).findFirst().map(Customers.StoredCustomer::id);
        }
        long id = match.orElseGet(() -> customers.insert(buyer));
        boolean pending = match.isEmpty() || sameEmail.stream().filter(c -> c.id() == id).findFirst()
                .map(Customers.StoredCustomer::pendingInErp).orElseGet(() -> {
                    needs.known = false; // found by its shop binding under another e-mail: its state is not at hand
                    return true;
                });
        if (match.isPresent() && !buyer.guest() && customers.refresh(id, buyer)) {
            pending = true;
        }
        if (pending) {
            needs.customer = id;
        }
        if (!buyer.guest()) {
            customers.bind(order.accountId(), buyer.shopCustomerId(), id);
        }
        customers.addAddress(id, "BILLING", order.billing());
        if (order.shipping() != null && !order.shipping().sameAs(order.billing())) {
            customers.addAddress(id, "SHIPPING", order.shipping());
        }
        return id;
    }

    private static OrderOutcome outcome(Order order, OrderOutcome.Result result, Long id, String reason) {
        return new OrderOutcome(order.shopOrderId(), order.number(), order.updatedAt(), result, id, reason);
    }
}
