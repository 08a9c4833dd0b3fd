package io.sincro.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.fiscal.PartitaIva;
import io.sincro.model.Address;
import io.sincro.model.CustomerKind;
import io.sincro.model.OrderCustomer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Hub records in the WebAPI's own shapes: {@code clienti}, {@code indirizzi-spedizione},
 * {@code articoli}, and customer orders whose row fields are {@code [[row, value]]} arrays.
 */
final class ErpRecords {

    private static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
            "GR", "HR", "HU", "IE", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private final ObjectMapper json;

    ErpRecords(ObjectMapper json) {
        this.json = json;
    }

    /** A new ERP customer, coded automatically in the mastro of its kind. */
    ObjectNode customer(OrderCustomer c, Address billing, String mastro) {
        ObjectNode r = json.createObjectNode();
        r.put("codice", mastro + ".AUTO");
        fillCustomer(r, c, billing, false);
        return r;
    }

    /**
     * The fields of a customer the shop can change (an update names its key, as the WebAPI requires).
     * Only what the shop really has is sent: a field the hub does not know is left out, so the ERP keeps
     * its value instead of getting a placeholder.
     */
    ObjectNode customerUpdate(String code, OrderCustomer c, Address billing) {
        ObjectNode r = json.createObjectNode();
        r.put("codice", code);
        fillCustomer(r, c, billing, true);
        return r;
    }

    private static void fillCustomer(ObjectNode r, OrderCustomer c, Address billing, boolean update) {
        String person = join(c.lastName(), c.firstName());
        boolean company = c.kind() == CustomerKind.COMPANY;
        String knownCountry = billing == null || billing.country() == null ? null : billing.country().toUpperCase();
        // a new customer needs a nationality: Italian unless the billing address says otherwise
        String country = knownCountry == null && !update ? "IT" : knownCountry;
        putIf(r, "ragione_sociale", truncate(company ? c.companyName() : person, 80));
        if (!company) {
            r.put("gest_per_fisica", "S");
            putIf(r, "cognome", c.lastName());
            putIf(r, "nome", c.firstName());
        }
        if (country != null) {
            r.put("tp_nazionalita", country.equals("IT") ? "I" : EU.contains(country) ? "C" : "E");
            r.put("cod_paese", country);
        }
        if (c.vatNumber() != null) {
            r.put("partita_iva", PartitaIva.isForeign(c.vatNumber()) ? c.vatNumber().replaceAll("\\s", "")
                    : PartitaIva.normalize(c.vatNumber()));
        }
        putIf(r, "codice_fiscale", c.fiscalCode() == null ? null : c.fiscalCode().toUpperCase());
        r.put("email", c.email());
        // e-invoicing recipient: only what the shop gave; never a placeholder such as 0000000, which would
        // overwrite a real code the ERP has (the ERP applies its own default to a customer without one)
        putIf(r, "pec", c.pec());
        putIf(r, "codice_sdi", c.sdiCode() == null ? null : c.sdiCode().toUpperCase());
        putIf(r, "telefono", c.phone());
        if (billing != null) {
            putIf(r, "indirizzo", billing.street());
            putIf(r, "cap", billing.postcode());
            putIf(r, "localita", billing.city());
            putIf(r, "provincia", billing.province());
        }
    }

    ObjectNode shippingAddress(String customerCode, Address a) {
        ObjectNode r = json.createObjectNode();
        r.put("cod_conto", customerCode);
        r.put("descrizione", truncate(a.company() != null ? a.company() : join(a.lastName(), a.firstName()), 80));
        putIf(r, "indirizzo", a.street());
        putIf(r, "cap", a.postcode());
        putIf(r, "localita", a.city());
        putIf(r, "provincia", a.province());
        putIf(r, "cod_paese", a.country());
        putIf(r, "telefono", a.phone());
        return r;
    }

    ObjectNode article(String code, String description, String vatCode, String unit) {
        ObjectNode r = json.createObjectNode();
        r.put("codice", code);
        r.put("descrizione", truncate(description, 80));
        putIf(r, "alq_iva", vatCode);
        r.put("um_principale", unit == null ? "pz" : unit);
        return r;
    }

    /** One row of a customer order. */
    record Row(String articleCode, String description, BigDecimal quantity, BigDecimal price, String vatCode) {
    }

    /** The header scalars of an order, and its rows as {@code [[row, value]]} arrays. */
    ObjectNode order(ObjectNode header, List<Row> rows) {
        ArrayNode idRiga = header.putArray("id_riga");
        ArrayNode tpRiga = header.putArray("tp_riga");
        ArrayNode codice = header.putArray("codice_articolo");
        ArrayNode descr = header.putArray("descr_riga");
        ArrayNode quantita = header.putArray("quantita");
        ArrayNode prezzo = header.putArray("prezzo");
        ArrayNode codIva = header.putArray("cod_iva");
        int index = 0;
        for (Row row : rows) {
            index++;
            idRiga.addArray().add(index).add(0);
            tpRiga.addArray().add(index).add("R");
            codice.addArray().add(index).add(row.articleCode());
            descr.addArray().add(index).add(truncate(row.description(), 80));
            quantita.addArray().add(index).add(row.quantity());
            prezzo.addArray().add(index).add(row.price());
            codIva.addArray().add(index).add(row.vatCode());
        }
        return header;
    }

    private static void putIf(ObjectNode r, String field, String value) {
        if (value != null && !value.isBlank()) {
            r.put(field, value);
        }
    }

    private static String join(String a, String b) {
        return ((a == null ? "" : a) + " " + (b == null ? "" : b)).trim();
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
