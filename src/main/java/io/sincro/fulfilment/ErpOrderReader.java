package io.sincro.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.erp.ErpException;
import io.sincro.erp.ErpFilter;
import io.sincro.erp.ErpKey;
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
import java.util.TreeSet;
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
    public record Changed(Set<ErpKey> orderKeys, String erpTime) {
    }

    /** Orders whose document changed at or after {@code since}, among the documents of each of these years. */
    public Changed changedOrders(String since, Collection<Integer> years) {
        Set<ErpKey> keys = new LinkedHashSet<>();
        String time = null;
        for (int year : new TreeSet<>(years)) {
            String at = ofYear(year, () -> erp.inYear(year).pages(ORDERS,
                    List.of(ErpFilter.since("data_ult_mod", since)), List.of("sigla", "serie", "numero"), 500,
                    (page, erpTime) -> page.forEach(r -> keys.add(new ErpKey(key(r.path("sigla").asText(),
                            r.path("serie").asText(), r.path("numero").asText()), year)))));
            time = time == null ? at : time;
        }
        return new Changed(keys, time);
    }

    /**
     * Orders some delivery note or invoice row of which changed at or after {@code since}, among the documents of
     * each of these years. A row names its order's sigla, series and number, not its year: the order is taken as
     * changed in that year and every earlier one of {@code years} (the read-back tells them apart).
     */
    public Changed ordersWithChangedMovements(String since, Collection<Integer> years) {
        Set<ErpKey> keys = new LinkedHashSet<>();
        String time = null;
        TreeSet<Integer> sorted = new TreeSet<>(years);
        for (int year : sorted) {
            String at = ofYear(year, () -> erp.inYear(year).pages(MOVEMENT_ROWS,
                    List.of(ErpFilter.since("data_ult_mod", since)),
                    List.of("sigla", "serie", "numero", "sigla_ordine", "serie_ordine", "numero_ordine"), 500,
                    (page, erpTime) -> page.forEach(r -> orderKeyOf(r).ifPresent(order -> sorted.headSet(year, true)
                            .forEach(orderYear -> keys.add(new ErpKey(order, orderYear)))))));
            time = time == null ? at : time;
        }
        return new Changed(keys, time);
    }

    /**
     * The documents of these orders, each read under its own year; an order the ERP no longer has comes back
     * without rows. Delivery notes and invoices made from an order are looked for among the documents of its
     * year and of every later one up to {@code upToYear} (an order of December is delivered in January); a row
     * of a later year is the order's when it names the order's date ({@code data_ordine}), as numbers start
     * again each year. A movement of another year than its order's is named with its year: "BC+1+3/2027".
     */
    public Map<ErpKey, ErpDocuments> read(Collection<ErpKey> orderKeys, int upToYear) {
        Map<ErpKey, JsonNode> orders = new LinkedHashMap<>();
        for (ErpKey orderKey : orderKeys) {
            orders.put(orderKey, erp.inYear(orderKey.year()).readDocument(ORDERS, orderKey.key()).orElse(null));
        }
        List<MovementRef> refs = movementRefs(orderKeys, upToYear);
        Map<ErpKey, JsonNode> movements = new HashMap<>();
        Map<ErpKey, ErpDocuments> documents = new LinkedHashMap<>();
        orders.forEach((orderKey, order) -> {
            List<ErpDocuments.Row> rows = order == null ? List.of() : orderRows(order);
            ErpDocuments.Identity identity = order == null ? null
                    : new ErpDocuments.Identity(order.path("nota").asText(null), order.path("cod_conto").asText(null));
            String orderDate = order == null ? null : text(order, "data_documento");
            List<ErpDocuments.Movement> made = new ArrayList<>();
            Set<ErpKey> seen = new LinkedHashSet<>();
            for (MovementRef ref : refs) {
                if (ref.orderKey().equals(orderKey.key()) && ref.movement().year() >= orderKey.year()
                        && sameDate(ref.orderDate(), orderDate) && seen.add(ref.movement())) {
                    JsonNode movement = movements.computeIfAbsent(ref.movement(), k -> erp.inYear(k.year())
                            .readDocument(MOVEMENTS, k.key()).orElse(null));
                    if (movement != null) {
                        String name = ref.movement().year() == orderKey.year() ? ref.movement().key()
                                : ref.movement().key() + "/" + ref.movement().year();
                        made.add(movement(name, movement, orderKey.key(), orderDate));
                    }
                }
            }
            documents.put(orderKey, new ErpDocuments(orderKey.key(), rows, made, identity));
        });
        return documents;
    }

    /**
     * A read among one year's documents. A year after the hub's working year may not be opened in the ERP yet
     * (January, while the hub still writes in last year's documents): the ERP's refusal means it has none.
     */
    private String ofYear(int year, java.util.function.Supplier<String> read) {
        try {
            return read.get();
        } catch (ErpException.Rejected noSuchYear) {
            if (year <= erp.year()) {
                throw noSuchYear;
            }
            return null;
        }
    }

    /** A movement row found to name an order: the movement, and the order's key and date as the row gives them. */
    private record MovementRef(ErpKey movement, String orderKey, String orderDate) {
    }

    /**
     * Which movements have rows from these orders: per year of documents, one search per sigla and series with
     * the numbers OR-ed in batches. A year the ERP has no documents for (not opened yet) has none.
     */
    private List<MovementRef> movementRefs(Collection<ErpKey> orderKeys, int upToYear) {
        Map<String, Set<Long>> numbersBySiglaSerie = new TreeMap<>();
        Map<String, Integer> firstYear = new HashMap<>();
        for (ErpKey key : orderKeys) {
            String[] parts = key.key().split("\\+");
            String siglaSerie = parts[0] + "+" + parts[1];
            numbersBySiglaSerie.computeIfAbsent(siglaSerie, k -> new java.util.TreeSet<>()).add(Long.parseLong(parts[2]));
            firstYear.merge(siglaSerie, key.year(), Math::min);
        }
        List<MovementRef> found = new ArrayList<>();
        numbersBySiglaSerie.forEach((siglaSerie, numberSet) -> {
            String[] parts = siglaSerie.split("\\+");
            List<Long> numbers = new ArrayList<>(numberSet);
            for (int year = firstYear.get(siglaSerie); year <= Math.max(upToYear, firstYear.get(siglaSerie)); year++) {
                int movementYear = year;
                for (int from = 0; from < numbers.size(); from += NUMBERS_PER_SEARCH) {
                    List<Long> batch = numbers.subList(from, Math.min(numbers.size(), from + NUMBERS_PER_SEARCH));
                    try {
                        erp.inYear(movementYear).pages(MOVEMENT_ROWS, List.of(ErpFilter.equal("sigla_ordine", parts[0]),
                                        ErpFilter.equal("serie_ordine", Long.parseLong(parts[1])),
                                        ErpFilter.equal("numero_ordine", batch.size() == 1 ? batch.get(0) : batch)),
                                List.of("sigla", "serie", "numero", "sigla_ordine", "serie_ordine", "numero_ordine",
                                        "data_ordine"), 500,
                                (page, at) -> page.forEach(r -> orderKeyOf(r).ifPresent(order -> found.add(
                                        new MovementRef(new ErpKey(key(r.path("sigla").asText(), r.path("serie").asText(),
                                                r.path("numero").asText()), movementYear), order,
                                                text(r, "data_ordine"))))));
                    } catch (ErpException.Rejected noSuchYear) {
                        if (movementYear <= erp.year()) {
                            throw noSuchYear;
                        }
                        break;
                    }
                }
            }
        });
        return found;
    }

    /** Two document dates name the same order unless both are known and differ. */
    private static boolean sameDate(String a, String b) {
        return a == null || b == null || a.isBlank() || b.isBlank() || a.trim().equals(b.trim());
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

    private static ErpDocuments.Movement movement(String key, JsonNode doc, String orderKey, String orderDate) {
        Map<Integer, String> codes = column(doc, "codice_articolo");
        Map<Integer, String> quantities = column(doc, "quantita");
        Map<Integer, String> originSigle = column(doc, "sigla_doc_orig");
        Map<Integer, String> orderSigle = column(doc, "sigla_ordine");
        Map<Integer, String> orderSeries = column(doc, "serie_ordine");
        Map<Integer, String> orderNumbers = column(doc, "numero_ordine");
        Map<Integer, String> orderDates = column(doc, "data_ordine");
        List<ErpDocuments.MovementRow> rows = new ArrayList<>();
        String originSigla = null;
        for (Map.Entry<Integer, String> entry : codes.entrySet()) {
            int row = entry.getKey();
            String rowOrder = key(orderSigle.get(row), orderSeries.get(row), orderNumbers.get(row));
            if (entry.getValue() == null || !rowOrder.equals(orderKey) || !sameDate(orderDates.get(row), orderDate)) {
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
