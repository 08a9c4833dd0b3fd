package io.sincro.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.fiscal.PartitaIva;
import io.sincro.model.Address;
import io.sincro.model.OrderState;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.store.Articles;
import io.sincro.store.Customers;
import io.sincro.store.ErpClaims;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes pending hub records into the ERP, each exactly once: a customer is looked for (e-mail, VAT
 * number, fiscal code) before it is created; an order carries its shop reference in {@code nota},
 * where a create whose answer was lost is found again instead of being sent twice.
 */
@Component("erpPush")
public class ErpPush {

    static final String ORDERS = "documenti/ordini-clienti";
    private static final DateTimeFormatter ERP_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Europe/Rome"));

    private final WebApiClient erp;
    private final ObjectMapper json;
    private final ErpRecords records;
    private final Customers customers;
    private final Articles articles;
    private final Orders orders;
    private final ShopAccounts accounts;
    private final int articleCodeMaxLength;
    private final java.util.Set<String> expenseArticlesInErp = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<Long, Object> customerLocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Object> articleLocks = new java.util.concurrent.ConcurrentHashMap<>();

    public ErpPush(WebApiClient erp, ObjectMapper json, Customers customers, Articles articles, Orders orders,
            ShopAccounts accounts, @Value("${sincro.articles.code-max-length:20}") int articleCodeMaxLength) {
        this.erp = erp;
        this.json = json;
        this.records = new ErpRecords(json);
        this.customers = customers;
        this.articles = articles;
        this.orders = orders;
        this.accounts = accounts;
        this.articleCodeMaxLength = articleCodeMaxLength;
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
            String code = c.erpCode();
            if (code != null) {
                erp.update("clienti", code, records.customerUpdate(c, billing));
            } else {
                code = find(c).orElse(null);
                if (code == null) {
                    code = erp.createOnce("clienti", records.customer(c, billing, mastroOf(c)), () -> find(c));
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
            if (erp.read("articoli", code).isEmpty()) {
                Optional<JsonNode> alias = erp.search("alias-articoli", List.of(ErpFilter.equal("cod_alias", code)))
                        .stream().findFirst();
                if (alias.isPresent()) {
                    String erpCode = alias.get().path("cod_articolo").asText();
                    articles.replaceByErpArticle(code, erpCode, article.description(), article.vatCode());
                    orders.remapArticle(code, erpCode);
                    return new PushOutcome(PushOutcome.Kind.ARTICLE, code, PushOutcome.Result.PUSHED, erpCode, null);
                }
                createArticle(code, article.description(), article.vatCode());
            }
            articles.erpSynced(code);
            return new PushOutcome(PushOutcome.Kind.ARTICLE, code, PushOutcome.Result.PUSHED, code, null);
        } catch (ErpException e) {
            articles.erpFailed(code, e.getMessage());
            return PushOutcome.failed(PushOutcome.Kind.ARTICLE, code, e);
        }
    }

    public PushOutcome pushOrder(long id) {
        Orders.StoredOrder order = orders.get(id).orElseThrow();
        String item = order.accountId() + " " + order.number();
        if (order.state() != OrderState.NEW) {
            return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.PUSHED, order.erpKey(), null);
        }
        ErpClaims.Claim claim = orders.claimForErp(id);
        if (!claim.taken()) {
            return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.IN_PROGRESS, null, claim.why());
        }
        try {
            // the year is fixed once: the order is looked up, created, looked for after a timeout, and kept under it
            WebApiClient documents = erp.inYear(erp.year());
            // a create whose outcome is unknown (its node stopped, or an earlier attempt failed) is looked up first
            if (claim.outcomeUnknown() || orders.erpAttempts(id) > 0) {
                Optional<String> found = findOrder(documents, reference(order));
                if (found.isPresent()) {
                    orders.stored(id, found.get(), documents.year());
                    return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.PUSHED, found.get(), null);
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
            ObjectNode document = header(order, customer.erpCode(), settings);
            List<ErpRecords.Row> rows = rows(order, settings);
            String reference = reference(order);
            String key = documents.createOnce(ORDERS, records.order(document, rows), () -> findOrder(documents,
                    reference));
            orders.stored(id, key, documents.year());
            return new PushOutcome(PushOutcome.Kind.ORDER, item, PushOutcome.Result.PUSHED, key, null);
        } catch (ErpException e) {
            orders.erpFailed(id, e.getMessage());
            return PushOutcome.failed(PushOutcome.Kind.ORDER, item, e);
        } catch (RuntimeException unexpected) {
            orders.erpFailed(id, "unexpected hub failure: " + unexpected);
            throw unexpected;
        }
    }

    /** The tag in the ERP order's note that finds it again: account and shop order id. */
    static String reference(Orders.StoredOrder order) {
        return reference(order.accountId(), order.shopOrderId());
    }

    public static String reference(String accountId, String shopOrderId) {
        return "[sincro:" + accountId + ":" + shopOrderId + "]";
    }

    private ObjectNode header(Orders.StoredOrder order, String customerCode, ErpDocumentSettings settings) {
        ObjectNode h = json.createObjectNode();
        h.put("sigla", settings.sigla());
        h.put("serie", settings.serie());
        h.put("numero", 0);
        h.put("cod_conto", customerCode);
        h.put("data_documento", ERP_DATE.format(order.shopCreatedAt() != null ? order.shopCreatedAt() : order.createdAt()));
        if (order.erpPayment() != null) {
            if (order.erpPayment().matches("\\d+")) {
                h.put("id_pagamento", Integer.parseInt(order.erpPayment()));
            } else {
                h.put("id_pagamento", order.erpPayment());
            }
        }
        if (order.erpCarrier() != null) {
            h.put("cod_vettore", order.erpCarrier());
        }
        if (!settings.isBaseCurrency(order.currency())) {
            // the intake held orders in other currencies; a mapping removed since leaves this one pending
            Integer currency = settings.currencies().get(order.currency());
            if (currency == null) {
                throw new ErpException.Rejected("the order is in " + order.currency() + " and the account no longer "
                        + "maps an ERP currency (id_valuta) for it: add it to erp.currencies", "hub");
            }
            h.put("id_valuta", currency);
        }
        h.put("nota", ErpRecords.truncate("Ordine " + order.number() + " " + reference(order)
                + (order.note() == null ? "" : " - " + order.note()), 240));
        shippingAddressCode(order, customerCode).ifPresent(idIndSped -> h.put("id_ind_sped", idIndSped));
        return h;
    }

    private List<ErpRecords.Row> rows(Orders.StoredOrder order, ErpDocumentSettings settings) {
        List<ErpRecords.Row> rows = new ArrayList<>();
        for (Orders.Line line : order.lines()) {
            String vat = vatCode(line.vatRate(), settings, line);
            String code = switch (line.kind()) {
                case "ARTICLE" -> articleInErp(line.articleCode());
                case "DISCOUNT" -> ensureExpenseArticle(settings.discountArticle(), "Sconto", vat);
                default -> ensureExpenseArticle(expenseCode(line.articleCode()), line.description(), vat);
            };
            if (code == null) {
                throw new ErpException.Rejected("row " + line.lineNo() + " (" + line.sku() + ") has no ERP article", "hub");
            }
            rows.add(new ErpRecords.Row(code, line.description(), line.quantity(), line.unitPrice(), vat));
        }
        return rows;
    }

    /** An article the hub coded must reach the ERP before an order can use it; its ERP code. */
    private String articleInErp(String code) {
        if (code != null && articles.findByCodeOrAlias(code).map(a -> "PENDING".equals(a.erpState())).orElse(false)) {
            PushOutcome pushed = pushArticle(code);
            if (!pushed.pushed()) {
                throw new ErpException.Rejected("article " + code + " could not be created in the ERP: " + pushed.reason(),
                        "hub");
            }
            return pushed.erpKey();
        }
        return code;
    }

    private String vatCode(BigDecimal rate, ErpDocumentSettings settings, Orders.Line line) {
        if (rate != null && rate.signum() > 0) {
            return rate.stripTrailingZeros().toPlainString();
        }
        if (settings.zeroVatCode() == null) {
            throw new ErpException.Rejected("row " + line.lineNo() + " (" + line.description() + ") has no VAT and the "
                    + "account has no zeroVatCode (the ERP exemption code for such rows)", "hub");
        }
        return settings.zeroVatCode();
    }

    /** Shipping methods become expense articles; their codes fit the ERP's code length. */
    private String expenseCode(String method) {
        String code = (method == null ? "SPEDIZIONE" : method).toUpperCase().replaceAll("[^A-Z0-9_.-]", "");
        return ErpRecords.truncate(code, articleCodeMaxLength);
    }

    /**
     * Expense articles (shipping, discount) are created once; those known to exist are not asked for
     * again. Orders pushed in parallel wait for each other here rather than both creating the article.
     */
    private String ensureExpenseArticle(String code, String description, String vat) {
        if (!expenseArticlesInErp.contains(code)) {
            synchronized (expenseArticlesInErp) {
                if (!expenseArticlesInErp.contains(code)) {
                    ensureArticle(code, description == null ? code : description, vat);
                    expenseArticlesInErp.add(code);
                }
            }
        }
        return code;
    }

    /** Creates the article unless the ERP has it; another node creating it meanwhile is no error. */
    private void ensureArticle(String code, String description, String vat) {
        if (erp.read("articoli", code).isEmpty()) {
            createArticle(code, description, vat);
        }
    }

    /** Creates an article the ERP was just read not to have; a create that went through is not sent twice. */
    private void createArticle(String code, String description, String vat) {
        try {
            erp.createOnce("articoli", records.article(code, description, vat, "pz"),
                    () -> erp.read("articoli", code).map(a -> code));
        } catch (ErpException.Rejected refused) {
            if (erp.read("articoli", code).isEmpty()) {
                throw refused;
            }
        }
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
                    Optional<String> found = lookFirst ? findShippingAddress(a, customerCode) : Optional.empty();
                    if (found.isPresent()) {
                        customers.addressErpCoded(a.id(), found.get());
                    } else {
                        pushShippingAddress(a, customerCode);
                    }
                });
    }

    private String pushShippingAddress(Customers.StoredAddress address, String customerCode) {
        ObjectNode record = records.shippingAddress(customerCode, address.address());
        String id = erp.createOnce("indirizzi-spedizione", record, () -> findShippingAddress(address, customerCode));
        customers.addressErpCoded(address.id(), id);
        return id;
    }

    private Optional<String> findShippingAddress(Customers.StoredAddress address, String customerCode) {
        return erp.search("indirizzi-spedizione", List.of(ErpFilter.equal("cod_conto", customerCode),
                        ErpFilter.equal("indirizzo", address.address().street()))).stream()
                .map(a -> a.path("id").asText()).findFirst();
    }

    /**
     * The ERP customer that is this hub customer: same e-mail (the key, as in Passweb), else same VAT
     * number, else same fiscal code. Each search is a call against the ERP's small pool: the next
     * one is made only when the previous found nothing and the customer has that datum.
     */
    private Optional<String> find(Customers.CustomerRecord c) {
        List<ErpFilter> searches = new java.util.ArrayList<>(List.of(ErpFilter.equal("email", c.email())));
        if (c.vatNumber() != null && !PartitaIva.isForeign(c.vatNumber())) {
            searches.add(ErpFilter.equal("partita_iva", PartitaIva.normalize(c.vatNumber())));
        }
        if (c.fiscalCode() != null) {
            searches.add(ErpFilter.equal("codice_fiscale", c.fiscalCode().toUpperCase()));
        }
        for (ErpFilter filter : searches) {
            List<JsonNode> found = erp.search("clienti", List.of(filter));
            if (!found.isEmpty()) {
                return Optional.of(found.get(0).path("codice").asText());
            }
        }
        return Optional.empty();
    }

    private Optional<String> findOrder(WebApiClient documents, String reference) {
        return documents.search(ORDERS, List.of(ErpFilter.contains("nota", reference))).stream()
                .map(o -> o.path("sigla").asText() + "+" + o.path("serie").asText() + "+" + o.path("numero").asText())
                .findFirst();
    }

    private String mastroOf(Customers.CustomerRecord c) {
        // a customer may come from several accounts: the account of its first order decides its mastro
        return customers.firstAccount(c.id()).flatMap(accounts::current).map(a -> a.settings().erp())
                .orElse(ErpDocumentSettings.defaults()).mastroOf(c.kind());
    }
}
