package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup tables of {@code dati-generali} as a small Italian company would have them: payments, price lists,
 * currencies, VAT exemptions with their FatturaPA nature, warehouses, product groups. Read-only on the WebAPI;
 * tests change them through {@link ErpSimulator#putLookup}.
 */
final class ErpLookups {

    private ErpLookups() {
    }

    /** The key field of each lookup table. */
    static String keyField(ErpResource resource) {
        return resource == ErpResource.ESENZIONI_IVA || resource == ErpResource.GRUPPI_MERCEOLOGICI ? "codice" : "id";
    }

    static Map<ErpResource, List<ObjectNode>> seed(String date) {
        Map<ErpResource, List<ObjectNode>> tables = new EnumMap<>(ErpResource.class);
        tables.put(ErpResource.PAGAMENTI, List.of(
                payment(1, "Rimessa diretta", "RD", 0),
                payment(2, "Bonifico bancario 30 gg DF", "BB", 30),
                payment(3, "Carta di credito", "CC", 0),
                payment(4, "PayPal", "PP", 0),
                payment(5, "Contrassegno", "CO", 0)));
        tables.put(ErpResource.LISTINI, List.of(
                priceList(1, "Listino al pubblico (IVA inclusa)", "S"),
                priceList(2, "Listino rivenditori", "N"),
                priceList(3, "Listino ingrosso", "N")));
        tables.put(ErpResource.VALUTE, List.of(
                currency(1, "EUR", "Euro", "€", "1"),
                currency(2, "USD", "Dollaro USA", "$", "1.0850"),
                currency(3, "GBP", "Sterlina britannica", "£", "0.8560"),
                currency(4, "CHF", "Franco svizzero", "CHF", "0.9420")));
        tables.put(ErpResource.ESENZIONI_IVA, List.of(
                exemption("N1", "Escluso art. 15", "N1"),
                exemption("N2.1", "Non soggetto art. 7 DPR 633/72", "N2.1"),
                exemption("N3.1", "Non imponibile esportazioni", "N3.1"),
                exemption("N3.5", "Non imponibile a seguito di dichiarazione d'intento", "N3.5"),
                exemption("N4", "Esente art. 10", "N4")));
        tables.put(ErpResource.MAGAZZINI, List.of(
                ErpJson.object().put("id", 1).put("descrizione", "Sede").put("gest_valorizza", "S")
                        .put("cap", "20121").put("localita", "Milano").put("provincia", "MI")
                        .put("indirizzo", "Via Dante 1").put("annullato", "N"),
                ErpJson.object().put("id", 2).put("descrizione", "Deposito").put("gest_valorizza", "S")
                        .put("cap", "20099").put("localita", "Sesto San Giovanni").put("provincia", "MI")
                        .put("indirizzo", "Viale Italia 200").put("annullato", "N")));
        tables.put(ErpResource.GRUPPI_MERCEOLOGICI, List.of(
                group("CAF", "Caffè e infusi", date), group("BEV", "Bevande", date), group("ALI", "Alimentari", date),
                group("ACC", "Accessori", date), group("PUL", "Pulizia e igiene", date),
                // sub-groups name their parent group in cod_grp_merc ("Codice padre")
                group("CAFCAP", "Caffè in capsule", date).put("cod_grp_merc", "CAF"),
                group("BEVVIN", "Vini", date).put("cod_grp_merc", "BEV")));
        return tables;
    }

    private static ObjectNode payment(int id, String description, String type, int days) {
        ObjectNode payment = ErpJson.object().put("id", id).put("descrizione", description).put("tp_sconto", "N")
                .put("gest_spese_inc", "N").put("gest_spese_bol", "N").put("gest_inizio_sca", "D")
                .put("scadenza_fissa", 0).put("giorni_proroga", 0).put("gest_rate_perc", "N")
                .put("paga_tot_doc", days == 0 ? "S" : "N");
        payment.putArray("tp_pagamento").add(ErpJson.array().add(1).add(type));
        payment.putArray("giorni_scadenza").add(ErpJson.array().add(1).add(days));
        payment.putArray("percentuale").add(ErpJson.array().add(1).add(ErpValues.decimalNode(BigDecimal.valueOf(100))));
        return payment;
    }

    private static ObjectNode priceList(int id, String description, String vatIncluded) {
        return ErpJson.object().put("id", id).put("descr_corta", "Listino " + id).put("descrizione", description)
                .put("valuta", 1).put("gest_con_iva", vatIncluded).put("tp_arrot", "N").put("tp_calcolo", "P");
    }

    private static ObjectNode currency(int id, String sigla, String description, String symbol, String rate) {
        return ErpJson.object().put("id", id).put("sigla", sigla).put("descrizione", description)
                .put("nr_dec_importi", 2).put("cambio_euro", new BigDecimal(rate))
                .put("sequenza_visual", id).put("tipo", id == 1 ? "E" : "X").put("simbolo", symbol)
                .put("nr_dec_prezzi", id == 1 ? 4 : 2);
    }

    private static ObjectNode exemption(String code, String description, String nature) {
        return ErpJson.object().put("codice", code).put("descrizione", description).put("plafond",
                nature.equals("N3.5") ? "S" : "N").put("descr_estesa", description).put("tp_operazione", "V")
                .put("id_classifica", nature.startsWith("N4") ? "E" : "N").put("codice_natura", nature);
    }

    private static ObjectNode group(String code, String description, String date) {
        return ErpJson.object().put("codice", code).put("stato", "A").put("descrizione", description)
                .put("data_creazione", date).put("data_modifica", date).put("um", "PZ");
    }
}
