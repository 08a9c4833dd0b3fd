package io.sincro.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.fiscal.PartitaIva;
import io.sincro.model.Address;
import io.sincro.model.OrderCustomer;
import io.sincro.shop.ErpDocumentSettings;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ERP port for what the hub writes: finds and creates ERP customers, shipping addresses, articles and
 * customer orders from canonical values, and answers with ERP codes and keys. It keeps nothing of the hub's
 * own: the flows read and write the store around these calls (claims, codes, reasons). Each create that
 * timed out is looked for before it is sent again ({@link WebApiClient#createOnce}).
 */
@Component
public class ErpGateway {

    static final String ORDERS = "documenti/ordini-clienti";
    private static final DateTimeFormatter ERP_DATE = DateTimeFormatter.ofPattern("yyyyMMdd")
            .withZone(ZoneId.of("Europe/Rome"));

    /** The ERP article a hub-coded article is: its own code, or the article whose alias it is. */
    public record ArticleInErp(String code, boolean alias) {
    }

    private final WebApiClient erp;
    private final ErpRecords records;
    private final ObjectMapper json;
    private final int articleCodeMaxLength;
    /** Expense articles known to be in the ERP: not asked for again (they are never removed by the hub). */
    private final Set<String> expenseArticlesInErp = ConcurrentHashMap.newKeySet();

    public ErpGateway(WebApiClient erp, ObjectMapper json,
            @Value("${sincro.articles.code-max-length:20}") int articleCodeMaxLength) {
        this.erp = erp;
        this.json = json;
        this.records = new ErpRecords(json);
        this.articleCodeMaxLength = articleCodeMaxLength;
    }

    /** The tag in the ERP order's note that finds it again: account and shop order id. */
    public static String reference(String accountId, String shopOrderId) {
        return "[sincro:" + accountId + ":" + shopOrderId + "]";
    }

    /** The ERP year orders are written in now. */
    public int year() {
        return erp.year();
    }

    // customers

    /**
     * The ERP customer that is this customer: same e-mail (the key, as in Passweb), else same VAT number, else
     * same fiscal code. Each search is a call against the ERP's small pool: the next one is made only when the
     * previous found nothing and the customer has that datum.
     */
    public Optional<String> findCustomer(OrderCustomer c) {
        List<ErpFilter> searches = new ArrayList<>(List.of(ErpFilter.equal("email", c.email())));
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

    /** A new ERP customer, coded automatically in {@code mastro}; its ERP code. */
    public String createCustomer(OrderCustomer c, Address billing, String mastro) {
        return erp.createOnce("clienti", records.customer(c, billing, mastro), () -> findCustomer(c));
    }

    /** The fields of the ERP customer the shop can change. */
    public void updateCustomer(String code, OrderCustomer c, Address billing) {
        erp.update("clienti", code, records.customerUpdate(code, c, billing));
    }

    public Optional<String> findShippingAddress(String customerCode, Address address) {
        return erp.search("indirizzi-spedizione", List.of(ErpFilter.equal("cod_conto", customerCode),
                        ErpFilter.equal("indirizzo", address.street()))).stream()
                .map(a -> a.path("id").asText()).findFirst();
    }

    /** A shipping address of the ERP customer; its ERP id. */
    public String createShippingAddress(String customerCode, Address address) {
        return erp.createOnce("indirizzi-spedizione", records.shippingAddress(customerCode, address),
                () -> findShippingAddress(customerCode, address));
    }

    // articles

    /**
     * An article the hub coded from a shop SKU, into the ERP: if the ERP has it, as is; if the ERP knows the code
     * as an alias of one of its articles, that article; else it is created.
     */
    public ArticleInErp createMissingArticle(String code, String description, String vatCode) {
        if (erp.read("articoli", code).isEmpty()) {
            Optional<JsonNode> alias = erp.search("alias-articoli", List.of(ErpFilter.equal("cod_alias", code)))
                    .stream().findFirst();
            if (alias.isPresent()) {
                return new ArticleInErp(alias.get().path("cod_articolo").asText(), true);
            }
            createArticle(code, description, vatCode);
        }
        return new ArticleInErp(code, false);
    }

    /** Creates an article the ERP was just read not to have; a create that went through is not sent twice. */
    private void createArticle(String code, String description, String vat) {
        try {
            erp.createOnce("articoli", records.article(code, description, vat, "pz"),
                    () -> erp.read("articoli", code).map(a -> code));
        } catch (ErpException.Rejected refused) {
            // another node creating it meanwhile is no error
            if (erp.read("articoli", code).isEmpty()) {
                throw refused;
            }
        }
    }

    /**
     * Expense articles (shipping, discount) are created once; those known to exist are not asked for again.
     * Orders written in parallel wait for each other here rather than both creating the article.
     */
    private String expenseArticle(String code, String description, String vat) {
        if (!expenseArticlesInErp.contains(code)) {
            synchronized (expenseArticlesInErp) {
                if (!expenseArticlesInErp.contains(code)) {
                    if (erp.read("articoli", code).isEmpty()) {
                        createArticle(code, description == null ? code : description, vat);
                    }
                    expenseArticlesInErp.add(code);
                }
            }
        }
        return code;
    }

    /** Shipping methods become expense articles; their codes fit the ERP's code length. */
    private String expenseCode(String method) {
        String code = (method == null ? "SPEDIZIONE" : method).toUpperCase().replaceAll("[^A-Z0-9_.-]", "");
        return ErpRecords.truncate(code, articleCodeMaxLength);
    }

    // orders

    /** The ERP order that carries this reference in its note, in that year's documents. */
    public Optional<ErpKey> findOrder(String accountId, String shopOrderId, int year) {
        return findOrder(erp.inYear(year), reference(accountId, shopOrderId)).map(key -> new ErpKey(key, year));
    }

    private static Optional<String> findOrder(WebApiClient documents, String reference) {
        return documents.search(ORDERS, List.of(ErpFilter.contains("nota", reference))).stream()
                .map(o -> o.path("sigla").asText() + "+" + o.path("serie").asText() + "+" + o.path("numero").asText())
                .findFirst();
    }

    /**
     * Creates the customer order in that year's documents, for the ERP customer {@code customerCode}; a create
     * whose answer was lost is found again by the reference in its note instead of being sent twice.
     *
     * @throws ErpException.Rejected when a row cannot be written (no VAT and no exemption code, no article)
     */
    public ErpKey createOrder(ErpOrder order, String customerCode, ErpDocumentSettings settings, int year) {
        WebApiClient documents = erp.inYear(year);
        List<ErpRecords.Row> rows = rows(order, settings);
        String reference = order.reference();
        String key = documents.createOnce(ORDERS, records.order(header(order, customerCode, settings), rows),
                () -> findOrder(documents, reference));
        return new ErpKey(key, year);
    }

    private ObjectNode header(ErpOrder order, String customerCode, ErpDocumentSettings settings) {
        ObjectNode h = json.createObjectNode();
        h.put("sigla", settings.sigla());
        h.put("serie", settings.serie());
        h.put("numero", 0);
        h.put("cod_conto", customerCode);
        h.put("data_documento", ERP_DATE.format(order.date()));
        if (order.payment() != null) {
            if (order.payment().matches("\\d+")) {
                h.put("id_pagamento", Integer.parseInt(order.payment()));
            } else {
                h.put("id_pagamento", order.payment());
            }
        }
        if (order.carrier() != null) {
            h.put("cod_vettore", order.carrier());
        }
        if (order.currency() != null) {
            h.put("id_valuta", order.currency());
        }
        h.put("nota", ErpRecords.truncate("Ordine " + order.number() + " " + order.reference()
                + (order.note() == null ? "" : " - " + order.note()), 240));
        if (order.shippingAddressId() != null) {
            h.put("id_ind_sped", order.shippingAddressId());
        }
        return h;
    }

    private List<ErpRecords.Row> rows(ErpOrder order, ErpDocumentSettings settings) {
        List<ErpRecords.Row> rows = new ArrayList<>();
        for (ErpOrder.Line line : order.lines()) {
            String vat = vatCode(line, settings);
            String code = switch (line.kind()) {
                case ErpOrder.ARTICLE -> line.articleCode();
                case ErpOrder.DISCOUNT -> expenseArticle(settings.discountArticle(), "Sconto", vat);
                default -> expenseArticle(expenseCode(line.articleCode()), line.description(), vat);
            };
            if (code == null) {
                throw new ErpException.Rejected("row " + line.lineNo() + " (" + line.sku() + ") has no ERP article", "hub");
            }
            rows.add(new ErpRecords.Row(code, line.description(), line.quantity(), line.unitPrice(), vat));
        }
        return rows;
    }

    private static String vatCode(ErpOrder.Line line, ErpDocumentSettings settings) {
        BigDecimal rate = line.vatRate();
        if (rate != null && rate.signum() > 0) {
            return rate.stripTrailingZeros().toPlainString();
        }
        if (settings.zeroVatCode() == null) {
            throw new ErpException.Rejected("row " + line.lineNo() + " (" + line.description() + ") has no VAT and the "
                    + "account has no zeroVatCode (the ERP exemption code for such rows)", "hub");
        }
        return settings.zeroVatCode();
    }
}
