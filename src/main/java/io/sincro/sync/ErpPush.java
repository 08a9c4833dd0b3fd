package io.sincro.sync;

import io.sincro.erp.ErpException;
import io.sincro.erp.ErpGateway;
import io.sincro.erp.ErpKey;
import io.sincro.erp.ErpOrder;
import io.sincro.model.Address;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderState;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.store.Articles;
import io.sincro.store.Customers;
import io.sincro.store.ErpClaims;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Writes pending hub records into the ERP, each exactly once, through the ERP port ({@link ErpGateway}):
 * the record is claimed in the store first, written, and its ERP code or key stored, or the ERP's reason
 * kept on it. A customer is looked for (e-mail, VAT number, fiscal code) before it is created; an order
 * whose create may have gone through (its claim's holder is gone, or an earlier attempt failed) is looked
 * for by the reference in its note before it is sent again.
 */
@Component("erpPush")
public class ErpPush {

    private final ErpGateway erp;
    private final Customers customers;
    private final Articles articles;
    private final Orders orders;
    private final ShopAccounts accounts;
    private final Map<Long, Object> customerLocks = new ConcurrentHashMap<>();
    private final Map<String, Object> articleLocks = new ConcurrentHashMap<>();

    public ErpPush(ErpGateway erp, Customers customers, Articles articles, Orders orders, ShopAccounts accounts) {
        this.erp = erp;
        this.customers = customers;
        this.articles = articles;
        this.orders = orders;
        this.accounts = accounts;
    }

    /**
     * One push per customer at a time: two would both search, find nothing, and create. On this node
     * a lock makes the second wait and then find the customer coded; across nodes the database
     * claim turns the second away.
     */
    public PushOutcome pushCustomer(long id) {
        synchronized (customerLocks.computeIfAbsent(id, key -> new Object())) {
            try {
                return pushCustomerNow(id);
            } finally {
                customerLocks.remove(id);
            }
        }
    }

    private PushOutcome pushCustomerNow(long id) {
        Customers.CustomerRecord c = customers.get(id).orElseThrow();
        if (c.erpCode() != null && "SYNCED".equals(c.erpState())) {
            return new PushOutcome(PushOutcome.Kind.CUSTOMER, c.email(), PushOutcome.Result.PUSHED, c.erpCode(), null);
        }
        ErpClaims.Claim claim = customers.claimForErp(id);
        if (!claim.taken()) {
            return new PushOutcome(PushOutcome.Kind.CUSTOMER, c.email(), PushOutcome.Result.IN_PROGRESS, null,
                    claim.why());
        }
        // a customer is always looked for before it is created: a create a stopped node left unknown is found
        try {
            Address billing = customers.storedAddresses(id, "BILLING").stream().map(Customers.StoredAddress::address)
                    .reduce((first, second) -> second).orElse(null);
            OrderCustomer customer = canonical(c);
            String code = c.erpCode();
            if (code != null) {
                erp.updateCustomer(code, customer, billing);
            } else {
                code = erp.findCustomer(customer).orElse(null);
                if (code == null) {
                    code = erp.createCustomer(customer, billing, mastroOf(c));
                }
            }
            customers.erpCoded(id, code);
            pushShippingAddresses(id, code, claim.outcomeUnknown());
            return new PushOutcome(PushOutcome.Kind.CUSTOMER, c.email(), PushOutcome.Result.PUSHED, code, null);
        } catch (ErpException e) {
            customers.erpFailed(id, e.getMessage());
            return PushOutcome.failed(PushOutcome.Kind.CUSTOMER, c.email(), e);
        } catch (RuntimeException unexpected) {
            customers.erpFailed(id, "unexpected hub failure: " + unexpected);
            throw unexpected;
        }
    }

    /** The stored customer as the canonical buyer the ERP port takes. */
    private static OrderCustomer canonical(Customers.CustomerRecord c) {
        return new OrderCustomer(null, c.email(), c.firstName(), c.lastName(), c.companyName(), c.vatNumber(),
                c.fiscalCode(), c.pec(), c.sdiCode(), c.phone());
    }

    /**
     * An article the hub coded from a shop SKU. If the ERP knows the SKU as an alias of one of its
     * articles, that article is used (and the hub's waiting orders with it) instead of a new one.
     */
    public PushOutcome pushArticle(String code) {
        // one push per article at a time on this node: orders pushed in parallel that need it wait, then find it
        // in the ERP, instead of reading and creating it twice (the article code is its key: never doubled)
        synchronized (articleLocks.computeIfAbsent(code, key -> new Object())) {
            try {
                return pushArticleNow(code);
            } finally {
                articleLocks.remove(code);
            }
        }
    }

    private PushOutcome pushArticleNow(String code) {
        Articles.Article article = articles.findByCodeOrAlias(code).orElseThrow();
        if (!"PENDING".equals(article.erpState())) {
            return new PushOutcome(PushOutcome.Kind.ARTICLE, code, PushOutcome.Result.PUSHED, article.code(), null);
        }
        try {
            ErpGateway.ArticleInErp inErp = erp.createMissingArticle(code, article.description(), article.vatCode());
            if (inErp.alias()) {
                articles.replaceByErpArticle(code, inErp.code(), article.description(), article.vatCode());
                orders.remapArticle(code, inErp.code());
            } else {
                articles.erpSynced(code);
            }
            return new PushOutcome(PushOutcome.Kind.ARTICLE, code, PushOutcome.Result.PUSHED, inErp.code(), null);
        } catch (ErpException e) {
            articles.erpFailed(code, e.getMessage());
            return PushOutcome.failed(PushOutcome.Kind.ARTICLE, code, e);
        }
    }

    public PushOutcome pushOrder(long id) {
        return pushOrder(id, false);
    }

    /**
     * An order the import stored already claimed by this process for the partial sync pushing it now
     * ({@code Orders.insert}): never sent before, so neither claimed again nor looked up first.
     */
    public PushOutcome pushClaimedOrder(long id) {
        return pushOrder(id, true);
    }

    private PushOutcome pushOrder(long id, boolean claimedWhenStored) {
        Orders.StoredOrder order = orders.get(id).orElseThrow();
        String item = order.accountId() + " " + order.number();
        if (order.state() != OrderState.NEW) {
            return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.PUSHED, order.erpKey(), null,
                    order.accountId());
        }
        ErpClaims.Claim claim = claimedWhenStored ? ErpClaims.Claim.held() : orders.claimForErp(id);
        if (!claim.taken()) {
            return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.IN_PROGRESS, null, claim.why());
        }
        try {
            // the year is fixed once: the order is looked up, created, looked for after a timeout, and kept under it
            int year = erp.year();
            // a create whose outcome is unknown (its node stopped, or an earlier attempt failed) is looked up first
            if (claim.outcomeUnknown() || (!claimedWhenStored && orders.erpAttempts(id) > 0)) {
                Optional<ErpKey> found = erp.findOrder(order.accountId(), order.shopOrderId(), year);
                if (found.isPresent()) {
                    orders.stored(id, found.get().key(), found.get().year());
                    return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.PUSHED, found.get().key(),
                            null, order.accountId());
                }
            }
            Customers.CustomerRecord customer = customers.get(order.customerId()).orElseThrow();
            if (customer.erpCode() == null || "PENDING".equals(customer.erpState())) {
                PushOutcome pushed = pushCustomer(customer.id());
                if (!pushed.pushed()) {
                    orders.erpFailed(id, "its customer is not in the ERP: " + pushed.reason());
                    return new PushOutcome(PushOutcome.Kind.ORDER, item, pushed.result(), null, pushed.reason());
                }
                customer = customers.get(customer.id()).orElseThrow();
            }
            ShopAccount account = accounts.current(order.accountId()).orElseThrow();
            ErpDocumentSettings settings = account.settings().erp();
            ErpKey key = erp.createOrder(document(order, customer.erpCode(), settings), customer.erpCode(), settings,
                    year);
            orders.stored(id, key.key(), key.year());
            return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.PUSHED, key.key(), null,
                    order.accountId());
        } catch (ErpException e) {
            orders.erpFailed(id, e.getMessage());
            return PushOutcome.failed(PushOutcome.Kind.ORDER, item, e);
        } catch (RuntimeException unexpected) {
            orders.erpFailed(id, "unexpected hub failure: " + unexpected);
            throw unexpected;
        }
    }

    /**
     * The stored order as the ERP port takes it: its ERP currency, its shipping address and the articles the hub
     * coded for it already in the ERP (written now when still pending).
     */
    private ErpOrder document(Orders.StoredOrder order, String customerCode, ErpDocumentSettings settings) {
        Integer currency = null;
        if (!settings.isBaseCurrency(order.currency())) {
            // the intake held orders in other currencies; a mapping removed since leaves this one pending
            currency = settings.currencies().get(order.currency());
            if (currency == null) {
                throw new ErpException.Rejected("the order is in " + order.currency() + " and the account no longer "
                        + "maps an ERP currency (id_valuta) for it: add it to erp.currencies", "hub");
            }
        }
        String shippingAddress = shippingAddressCode(order, customerCode).orElse(null);
        // one look-up for the order's articles still waiting for the ERP, not one per row
        java.util.Set<String> pending = articles.pendingAmong(order.lines().stream()
                .filter(line -> ErpOrder.ARTICLE.equals(line.kind()) && line.articleCode() != null)
                .map(Orders.Line::articleCode).collect(java.util.stream.Collectors.toSet()));
        List<ErpOrder.Line> lines = new ArrayList<>(order.lines().size());
        for (Orders.Line line : order.lines()) {
            String code = ErpOrder.ARTICLE.equals(line.kind()) && pending.contains(line.articleCode())
                    ? articleInErp(line.articleCode()) : line.articleCode();
            lines.add(new ErpOrder.Line(line.lineNo(), line.kind(), line.sku(), code, line.description(),
                    line.quantity(), line.unitPrice(), line.vatRate()));
        }
        return new ErpOrder(order.accountId(), order.shopOrderId(), order.number(),
                order.shopCreatedAt() != null ? order.shopCreatedAt() : order.createdAt(), order.erpPayment(),
                order.erpCarrier(), currency, order.note(), shippingAddress, lines);
    }

    /** An article the hub coded, read as pending, must reach the ERP before an order can use it; its ERP code. */
    private String articleInErp(String code) {
        PushOutcome pushed = pushArticle(code);
        if (!pushed.pushed()) {
            throw new ErpException.Rejected("article " + code + " could not be created in the ERP: " + pushed.reason(),
                    "hub");
        }
        return pushed.erpKey();
    }

    /** The ERP id of the order's shipping address when it differs from the billing one. */
    private Optional<String> shippingAddressCode(Orders.StoredOrder order, String customerCode) {
        if (order.shipping() == null || order.shipping().sameAs(order.billing())) {
            return Optional.empty();
        }
        return customers.storedAddresses(order.customerId(), "SHIPPING").stream()
                .filter(a -> a.address().sameAs(order.shipping())).findFirst()
                .map(a -> a.erpCode() != null ? a.erpCode() : pushShippingAddress(a, customerCode));
    }

    /** {@code lookFirst}: a node that stopped may have created them already (its claim was taken over). */
    private void pushShippingAddresses(long customerId, String customerCode, boolean lookFirst) {
        customers.storedAddresses(customerId, "SHIPPING").stream().filter(a -> a.erpCode() == null)
                .forEach(a -> {
                    Optional<String> found = lookFirst ? erp.findShippingAddress(customerCode, a.address())
                            : Optional.empty();
                    if (found.isPresent()) {
                        customers.addressErpCoded(a.id(), found.get());
                    } else {
                        pushShippingAddress(a, customerCode);
                    }
                });
    }

    private String pushShippingAddress(Customers.StoredAddress address, String customerCode) {
        String id = erp.createShippingAddress(customerCode, address.address());
        customers.addressErpCoded(address.id(), id);
        return id;
    }

    private String mastroOf(Customers.CustomerRecord c) {
        // a customer may come from several accounts: the account of its first order decides its mastro
        return customers.firstAccount(c.id()).flatMap(accounts::current).map(a -> a.settings().erp())
                .orElse(ErpDocumentSettings.defaults()).mastroOf(c.kind());
    }
}
