package io.sincro.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.erp.ErpFilter;
import io.sincro.erp.WebApiClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reads back from the ERP what happened to the hub's orders: which orders and movements changed
 * since an ERP time, and for each order its rows and the delivery notes and invoices made from it
 * (found through the movements' rows, which name their customer order in {@code sigla_ordine},
 * {@code serie_ordine}, {@code numero_ordine}).
 */
@Component
public class ErpOrderReader {

    public static final String ORDERS = "documenti/ordini-clienti";
    public static final String MOVEMENTS = "documenti/movimenti-magazzino";
    public static final String MOVEMENT_ROWS = "documenti/movimenti-magazzino/righe";
    /** Order numbers per search: a {@code valore} array is OR-ed by the WebAPI. */
    private static final int NUMBERS_PER_SEARCH = 50;

    private final WebApiClient erp;

    public ErpOrderReader(WebApiClient erp) {
        this.erp = erp;
    }

    /** What a changed-since read found, and the ERP time it started at (the next watermark). */
    public record Changed(Set<String> orderKeys, String erpTime) {
    }

    /** Orders whose document changed at or after {@code since}. */
    public Changed changedOrders(String since) {
        Set<String> keys = new LinkedHashSet<>();
        String time = erp.pages(ORDERS, List.of(ErpFilter.since("data_ult_mod", since)),
                List.of("sigla", "serie", "numero"), 500,
                (page, at) -> page.forEach(r -> keys.add(key(r.path("sigla").asText(), r.path("serie").asText(),
                        r.path("numero").asText()))));
        return new Changed(keys, time);
    }

    /** Orders some delivery note or invoice row of which changed at or after {@code since}. */
    public Changed ordersWithChangedMovements(String since) {
        Set<String> keys = new LinkedHashSet<>();
        String time = erp.pages(MOVEMENT_ROWS, List.of(ErpFilter.since("data_ult_mod", since)),
                List.of("sigla", "serie", "numero", "sigla_ordine", "serie_ordine", "numero_ordine"), 500,
                (page, at) -> page.forEach(r -> orderKeyOf(r).ifPresent(keys::add)));
        return new Changed(keys, time);
    }

    /** The documents of these orders; an order the ERP no longer has comes back without rows. */
    public Map<String, ErpDocuments> read(Collection<String> orderKeys) {
        Map<String, Set<String>> movementsByOrder = movementKeys(orderKeys);
        Map<String, JsonNode> movements = new HashMap<>();
        Map<String, ErpDocuments> documents = new LinkedHashMap<>();
        for (String orderKey : orderKeys) {
            Optional<JsonNode> order = erp.read(ORDERS, orderKey);
            List<ErpDocuments.Row> rows = order.map(ErpOrderReader::orderRows).orElse(List.of());
            ErpDocuments.Identity identity = order.map(o -> new ErpDocuments.Identity(o.path("nota").asText(null),
                    o.path("cod_conto").asText(null))).orElse(null);
            List<ErpDocuments.Movement> made = new ArrayList<>();
            for (String movementKey : movementsByOrder.getOrDefault(orderKey, Set.of())) {
                JsonNode movement = movements.computeIfAbsent(movementKey, k -> erp.read(MOVEMENTS, k).orElse(null));
                if (movement != null) {
                    made.add(movement(movementKey, movement, orderKey));
                }
            }
            documents.put(orderKey, new ErpDocuments(orderKey, rows, made, identity));
        }
        return documents;
    }

    /** Which movements have rows from each order: one search per sigla and series, numbers OR-ed in batches. */
    private Map<String, Set<String>> movementKeys(Collection<String> orderKeys) {
        Map<String, List<Long>> numbersBySiglaSerie = new TreeMap<>();
        for (String key : orderKeys) {
            String[] parts = key.split("\\+");
            numbersBySiglaSerie.computeIfAbsent(parts[0] + "+" + parts[1], k -> new ArrayList<>())
                    .add(Long.parseLong(parts[2]));
        }
        Map<String, Set<String>> found = new HashMap<>();
        numbersBySiglaSerie.forEach((siglaSerie, numbers) -> {
            String[] parts = siglaSerie.split("\\+");
            for (int from = 0; from < numbers.size(); from += NUMBERS_PER_SEARCH) {
                List<Long> batch = numbers.subList(from, Math.min(numbers.size(), from + NUMBERS_PER_SEARCH));
                erp.pages(MOVEMENT_ROWS, List.of(ErpFilter.equal("sigla_ordine", parts[0]),
                                ErpFilter.equal("serie_ordine", Long.parseLong(parts[1])),
                                ErpFilter.equal("numero_ordine", batch.size() == 1 ? batch.get(0) : batch)),
                        List.of("sigla", "serie", "numero", "sigla_ordine", "serie_ordine", "numero_ordine"), 500,
                        (page, at) -> page.forEach(r -> orderKeyOf(r).ifPresent(order -> found
                                .computeIfAbsent(order, o -> new LinkedHashSet<>())
                                .add(key(r.path("sigla").asText(), r.path("serie").asText(),
                                        r.path("numero").asText())))));
            }
        });
        return found;
    }

    private static List<ErpDocuments.Row> orderRows(JsonNode order) {
        Map<Integer, String> codes = column(order, "codice_articolo");
        Map<Integer, String> types = column(order, "tp_riga");
        Map<Integer, String> quantities = column(order, "quantita");
        Map<Integer, String> states = column(order, "tipo_stato_riga");
        List<ErpDocuments.Row> rows = new ArrayList<>();
        codes.forEach((row, code) -> {
            String type = types.getOrDefault(row, "R");
            if (code != null && !code.isBlank() && (type.equals("R") || type.equals("r"))) {
                rows.add(new ErpDocuments.Row(code.trim(), decimal(quantities.get(row)), states.get(row)));
            }
        });
        return rows;
    }

    private static ErpDocuments.Movement movement(String key, JsonNode doc, String orderKey) {
        Map<Integer, String> codes = column(doc, "codice_articolo");
        Map<Integer, String> quantities = column(doc, "quantita");
        Map<Integer, String> originSigle = column(doc, "sigla_doc_orig");
        Map<Integer, String> orderSigle = column(doc, "sigla_ordine");
        Map<Integer, String> orderSeries = column(doc, "serie_ordine");
        Map<Integer, String> orderNumbers = column(doc, "numero_ordine");
        List<ErpDocuments.MovementRow> rows = new ArrayList<>();
        String originSigla = null;
        for (Map.Entry<Integer, String> entry : codes.entrySet()) {
            int row = entry.getKey();
            String rowOrder = key(orderSigle.get(row), orderSeries.get(row), orderNumbers.get(row));
            if (entry.getValue() == null || !rowOrder.equals(orderKey)) {
                continue;
            }
            rows.add(new ErpDocuments.MovementRow(entry.getValue().trim(), decimal(quantities.get(row))));
            if (originSigla == null) {
                originSigla = originSigle.get(row);
            }
        }
        return new ErpDocuments.Movement(key, text(doc, "sigla"), originSigla, text(doc, "data_documento"),
                text(doc, "cod_vettore"), text(doc, "nr_tracking"), text(doc, "dt_spedizione"), rows);
    }

    /** A row field of a full document: {@code [[row, value], …]} as row → value. */
    private static Map<Integer, String> column(JsonNode document, String field) {
        Map<Integer, String> values = new TreeMap<>();
        for (JsonNode pair : document.path(field)) {
            if (pair.isArray() && pair.size() >= 2) {
                JsonNode value = pair.get(pair.size() - 1);
                values.put(pair.get(0).asInt(), value.isNull() ? null : value.asText());
            }
        }
        return values;
    }

    private static Optional<String> orderKeyOf(JsonNode row) {
        String sigla = row.path("sigla_ordine").asText("");
        long numero = row.path("numero_ordine").asLong(0);
        if (sigla.isBlank() || numero == 0) {
            return Optional.empty();
        }
        return Optional.of(key(sigla, row.path("serie_ordine").asText(), String.valueOf(numero)));
    }

    static String key(String sigla, String serie, String numero) {
        return String.valueOf(sigla).trim() + "+" + normalNumber(serie) + "+" + normalNumber(numero);
    }

    private static String normalNumber(String value) {
        if (value == null) {
            return "";
        }
        try {
            return String.valueOf(new BigDecimal(value.trim()).longValueExact());
        } catch (RuntimeException e) {
            return value.trim();
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static BigDecimal decimal(String value) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(value.trim().replace(',', '.'));
    }
}
