package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ERP's archives (customers, articles, article aliases, shipping addresses, customer orders) and the
 * validation the ERP applies when the WebAPI writes to them. Every method is synchronized: one lock for the
 * whole company, like the ERP's own record locking seen from a single WebAPI user.
 *
 * <p>Records are stored normalised (see {@link ErpValues}) with their fields in the order of the resource's
 * self-description. Lists are sorted by key; the accessors used by tests return copies in creation order.
 */
final class ErpStore {

    /** Who writes (for utente_ult_mod, utente_crea) and the warehouse of the Coordinate-Gestionale. */
    record Context(String user, int warehouse) {
    }

    static final int MAX_ARTICLE_CODE = 20;

    private static final Pattern ACCOUNT = Pattern.compile("(\\d{3})\\.(\\d{5})");
    private static final Pattern AUTO = Pattern.compile("(\\d{3})\\.AUTO", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_KEY = Pattern.compile("([A-Za-z]{2})\\+(\\d{1,9})\\+(\\d{1,12})");
    private static final Set<String> ORDER_SIGLE = Set.of("OC", "OX");
    /** D descriptive, T ?, R article, r article (not moved): the self-description's "D,T,R,r". */
    private static final Set<String> ROW_TYPES = Set.of("R", "r", "D", "T");
    /** E evadibile, S sospesa, B bloccata, N annullata. */
    private static final Set<String> ROW_STATES = Set.of("E", "S", "B", "N");

    private final ErpTime time;
    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> articles = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> aliases = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> addresses = new LinkedHashMap<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    /** The highest number used per document sigla and series, and per customer mastro: no scans per create. */
    private final Map<String, Long> lastOrderNumbers = new java.util.HashMap<>();
    private final Map<String, Integer> lastAccounts = new java.util.HashMap<>();

    ErpStore(ErpTime time) {
        this.time = time;
    }

    // ------------------------------------------------------------------------------ test-side data

    synchronized void addArticle(String code, String description, String vatCode) {
        if (code == null || code.isBlank() || articles.containsKey(code)) {
            throw new IllegalArgumentException("article code missing or already present: " + code);
        }
        ObjectNode article = ErpJson.object().put("codice", code).put("descrizione", description)
                .put("alq_iva", vatCode).put("data_ult_mod", time.stamp());
        articles.put(code, ordered(article, ErpFields.ARTICOLI));
    }

    synchronized void addArticleAlias(String alias, String articleCode) {
        if (!articles.containsKey(articleCode)) {
            throw new IllegalArgumentException("no article " + articleCode);
        }
        ObjectNode body = ErpJson.object().put("cod_alias", alias).put("cod_articolo", articleCode);
        createAlias(body);
    }

    synchronized void addCustomer(ObjectNode customer) {
        String codice = customer == null ? null : ErpValues.text(customer.get("codice"));
        if (codice == null || codice.isBlank()) {
            throw new IllegalArgumentException("a customer needs \"codice\"");
        }
        if (customers.containsKey(codice)) {
            throw new IllegalArgumentException("customer " + codice + " already present");
        }
        ObjectNode record;
        try {
            ErpValues.checkKnown(customer, ErpFields.CLIENTI);
            record = normalize(customer, ErpFields.CLIENTI);
        } catch (ErpException e) {
            throw new IllegalArgumentException(e.detail(), e);
        }
        if (!record.has("data_ult_mod")) {
            record.put("data_ult_mod", time.stamp());
        }
        customers.put(codice, ordered(record, ErpFields.CLIENTI));
    }

    synchronized List<ObjectNode> customers() {
        return copies(customers.values());
    }

    synchronized List<ObjectNode> articles() {
        return copies(articles.values());
    }

    synchronized List<ObjectNode> shippingAddresses() {
        return copies(addresses.values());
    }

    synchronized List<ObjectNode> orders() {
        return copies(orders.values());
    }

    synchronized Optional<ObjectNode> order(String key) {
        return Optional.ofNullable(orders.get(canonicalOrderKey(key))).map(ObjectNode::deepCopy);
    }

    // ------------------------------------------------------------------------------------ WebAPI side

    /** Every record of the resource as lists and searches see it (documents: headers only), sorted by key. */
    synchronized List<ErpQuery.Listed> listing(ErpResource resource) {
        return listing(resource, record -> true);
    }

    /**
     * The records that pass the filter, sorted by key. Records are tested where they lie and only
     * the matches are copied, so a search costs little however large the archive.
     */
    synchronized List<ErpQuery.Listed> listing(ErpResource resource, java.util.function.Predicate<ObjectNode> filter) {
        List<ErpQuery.Listed> rows = new ArrayList<>();
        switch (resource) {
            case CLIENTI -> customers.forEach((key, record) -> addIf(rows, key, record, filter));
            case ARTICOLI -> articles.forEach((key, record) -> addIf(rows, key, record, filter));
            case ALIAS_ARTICOLI -> aliases.forEach((id, record) -> addIf(rows, numericKey(id), record, filter));
            case INDIRIZZI_SPEDIZIONE -> addresses.forEach((id, record) -> addIf(rows, numericKey(id), record, filter));
            case ORDINI_CLIENTI -> orders.values().forEach(order -> {
                ObjectNode header = header(order);
                if (filter.test(header)) {
                    rows.add(new ErpQuery.Listed(orderSortKey(order), header));
                }
            });
            case ORDINI_CLIENTI_RIGHE -> {
                List<ErpQuery.Listed> all = new ArrayList<>();
                orders.values().forEach(order -> rowView(order, all));
                all.stream().filter(row -> filter.test(row.record())).forEach(rows::add);
            }
        }
        rows.sort(Comparator.comparing(ErpQuery.Listed::sortKey));
        return rows;
    }

    private static void addIf(List<ErpQuery.Listed> rows, String key, ObjectNode record,
            java.util.function.Predicate<ObjectNode> filter) {
        if (filter.test(record)) {
            rows.add(new ErpQuery.Listed(key, record.deepCopy()));
        }
    }

    synchronized Optional<ObjectNode> read(ErpResource resource, String key) {
        ObjectNode record = switch (resource) {
            case CLIENTI -> customers.get(key);
            case ARTICOLI -> articles.get(key);
            case ALIAS_ARTICOLI -> aliases.values().stream().filter(alias -> aliasKey(alias).equals(key)).findFirst()
                    .orElse(null);
            case INDIRIZZI_SPEDIZIONE -> addresses.get(parseId(key));
            case ORDINI_CLIENTI -> orders.get(canonicalOrderKey(key));
            case ORDINI_CLIENTI_RIGHE -> null;
        };
        return Optional.ofNullable(record).map(ObjectNode::deepCopy);
    }

    /** Creates the record; answers its key as the Location header writes it. */
    synchronized String create(ErpResource resource, ObjectNode body, Context context) {
        return switch (resource) {
            case CLIENTI -> createCustomer(body, context);
            case ARTICOLI -> createArticle(body, context);
            case ALIAS_ARTICOLI -> createAlias(body);
            case INDIRIZZI_SPEDIZIONE -> createAddress(body, context);
            case ORDINI_CLIENTI -> createOrder(body, context);
            case ORDINI_CLIENTI_RIGHE -> throw ErpErrors.notFound();
        };
    }

    synchronized void update(ErpResource resource, String key, ObjectNode body, Context context) {
        switch (resource) {
            case CLIENTI -> updateCustomer(key, body, context);
            case ARTICOLI -> updateArticle(key, body, context);
            case INDIRIZZI_SPEDIZIONE -> updateAddress(key, body, context);
            default -> throw ErpErrors.notFound();
        }
    }

    // -------------------------------------------------------------------------------------- clienti

    private String createCustomer(ObjectNode body, Context context) {
        ErpValues.checkKnown(body, ErpFields.CLIENTI);
        ObjectNode record = normalize(body, ErpFields.CLIENTI);
        String codice = ErpValues.text(record.get("codice"));
        if (codice == null || codice.isBlank()) {
            throw required("codice");
        }
        if (ErpValues.blank(record.get("ragione_sociale"))) {
            throw required("ragione_sociale");
        }
        codice = codice.trim();
        Matcher auto = AUTO.matcher(codice);
        if (auto.matches()) {
            codice = nextAccount(auto.group(1));
        } else if (!ACCOUNT.matcher(codice).matches()) {
            throw ErpErrors.gestionale("Codice conto non valido: " + codice);
        } else if (customers.containsKey(codice)) {
            throw ErpErrors.gestionale("Codice già esistente");
        }
        record.put("codice", codice);
        record.put("anag_dt_crea", time.date());
        stamp(record, context);
        customers.put(codice, ordered(record, ErpFields.CLIENTI));
        return codice;
    }

    /** The first code after the highest one of that mastro: 501.00001, 501.00002, … */
    private String nextAccount(String mastro) {
        int highest = lastAccounts.computeIfAbsent(mastro, m -> {
            int found = 0;
            for (String code : customers.keySet()) {
                Matcher account = ACCOUNT.matcher(code);
                if (account.matches() && account.group(1).equals(m)) {
                    found = Math.max(found, Integer.parseInt(account.group(2)));
                }
            }
            return found;
        });
        for (String taken = String.format("%s.%05d", mastro, highest + 1); customers.containsKey(taken);
                taken = String.format("%s.%05d", mastro, highest + 1)) {
            highest++; // a code added by hand meanwhile
        }
        lastAccounts.put(mastro, highest + 1);
        if (highest >= 99999) {
            throw ErpErrors.gestionale("Numerazione automatica esaurita: " + mastro);
        }
        return String.format("%s.%05d", mastro, highest + 1);
    }

    private void updateCustomer(String key, ObjectNode body, Context context) {
        ObjectNode existing = existing(customers.get(key));
        ErpValues.checkKnown(body, ErpFields.CLIENTI);
        checkPutKey(body, "codice", key);
        ObjectNode merged = merge(existing, body, ErpFields.CLIENTI);
        if (ErpValues.blank(merged.get("ragione_sociale"))) {
            throw required("ragione_sociale");
        }
        merged.put("anag_dt_mod", time.date());
        stamp(merged, context);
        customers.put(key, ordered(merged, ErpFields.CLIENTI));
    }

    // ------------------------------------------------------------------------------------- articoli

    private String createArticle(ObjectNode body, Context context) {
        ErpValues.checkKnown(body, ErpFields.ARTICOLI);
        ObjectNode record = normalize(body, ErpFields.ARTICOLI);
        String codice = ErpValues.text(record.get("codice"));
        if (codice == null || codice.isBlank()) {
            throw required("codice");
        }
        if (codice.length() > MAX_ARTICLE_CODE) {
            throw ErpErrors.gestionale("Codice articolo troppo lungo");
        }
        if (articles.containsKey(codice)) {
            throw ErpErrors.gestionale("Codice già esistente");
        }
        if (ErpValues.blank(record.get("descrizione"))) {
            throw required("descrizione");
        }
        if (ErpValues.blank(record.get("alq_iva"))) {
            throw ErpErrors.gestionale("Aliquota iva obbligatoria");
        }
        record.put("dt_creazione", time.date());
        stamp(record, context);
        articles.put(codice, ordered(record, ErpFields.ARTICOLI));
        return codice;
    }

    private void updateArticle(String key, ObjectNode body, Context context) {
        ObjectNode existing = existing(articles.get(key));
        ErpValues.checkKnown(body, ErpFields.ARTICOLI);
        checkPutKey(body, "codice", key);
        ObjectNode merged = merge(existing, body, ErpFields.ARTICOLI);
        if (ErpValues.blank(merged.get("descrizione"))) {
            throw required("descrizione");
        }
        if (ErpValues.blank(merged.get("alq_iva"))) {
            throw ErpErrors.gestionale("Aliquota iva obbligatoria");
        }
        merged.put("dt_mod", time.date());
        stamp(merged, context);
        articles.put(key, ordered(merged, ErpFields.ARTICOLI));
    }

    // ------------------------------------------------------------------------------- alias-articoli

    private String createAlias(ObjectNode body) {
        ErpValues.checkKnown(body, ErpFields.ALIAS_ARTICOLI);
        ObjectNode record = normalize(body, ErpFields.ALIAS_ARTICOLI);
        String alias = ErpValues.text(record.get("cod_alias"));
        String article = ErpValues.text(record.get("cod_articolo"));
        if (alias == null || alias.isBlank()) {
            throw required("cod_alias");
        }
        if (article == null || article.isBlank()) {
            throw required("cod_articolo");
        }
        if (!articles.containsKey(article)) {
            throw ErpErrors.gestionale("Articolo inesistente: " + article);
        }
        long id = aliases.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        long prog = record.path("prog_alias").asLong(0);
        if (prog <= 0) {
            prog = aliases.values().stream().filter(a -> a.path("cod_alias").asText().equals(alias))
                    .mapToLong(a -> a.path("prog_alias").asLong()).max().orElse(0) + 1;
        }
        record.put("id", id).put("prog_alias", prog);
        if (aliases.values().stream().anyMatch(a -> aliasKey(a).equals(aliasKey(record)))) {
            throw ErpErrors.gestionale("Codice già esistente");
        }
        String stamp = time.stamp();
        record.put("data_crea", stamp).put("data_ult_mod", stamp);
        ObjectNode stored = ordered(record, ErpFields.ALIAS_ARTICOLI);
        aliases.put(id, stored);
        return aliasKey(stored);
    }

    /** {@code prog_alias+cod_alias+cod_articolo}, the alias resource's composite key. */
    private static String aliasKey(ObjectNode alias) {
        return alias.path("prog_alias").asLong() + "+" + alias.path("cod_alias").asText() + "+"
                + alias.path("cod_articolo").asText();
    }

    // ------------------------------------------------------------------------- indirizzi-spedizione

    private String createAddress(ObjectNode body, Context context) {
        ErpValues.checkKnown(body, ErpFields.INDIRIZZI_SPEDIZIONE);
        ObjectNode record = normalize(body, ErpFields.INDIRIZZI_SPEDIZIONE);
        String account = ErpValues.text(record.get("cod_conto"));
        if (account == null || account.isBlank()) {
            throw required("cod_conto");
        }
        if (!customers.containsKey(account)) {
            throw ErpErrors.gestionale("Conto inesistente: " + account);
        }
        long id = record.path("id").asLong(0);
        if (id <= 0) {
            id = addresses.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        } else if (addresses.containsKey(id)) {
            throw ErpErrors.gestionale("Codice già esistente");
        }
        record.put("id", id);
        record.put("data_creazione", time.date());
        stamp(record, context);
        addresses.put(id, ordered(record, ErpFields.INDIRIZZI_SPEDIZIONE));
        return Long.toString(id);
    }

    private void updateAddress(String key, ObjectNode body, Context context) {
        long id = parseId(key);
        ObjectNode existing = existing(addresses.get(id));
        ErpValues.checkKnown(body, ErpFields.INDIRIZZI_SPEDIZIONE);
        checkPutKey(body, "id", Long.toString(id));
        ObjectNode merged = merge(existing, body, ErpFields.INDIRIZZI_SPEDIZIONE);
        merged.put("id", id);
        String account = ErpValues.text(merged.get("cod_conto"));
        if (account == null || !customers.containsKey(account)) {
            throw ErpErrors.gestionale("Conto inesistente: " + account);
        }
        merged.put("data_modifica", time.date());
        stamp(merged, context);
        addresses.put(id, ordered(merged, ErpFields.INDIRIZZI_SPEDIZIONE));
    }

    private static long parseId(String key) {
        try {
            return Long.parseLong(key.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // --------------------------------------------------------------------- documenti/ordini-clienti

    /** One value of a row field: {@code [row, value]} or, for a row field that is itself an array, {@code [row, index, value]}. */
    private record RowValue(long row, Long index, JsonNode value) {
    }

    private String createOrder(ObjectNode body, Context context) {
        ErpValues.checkKnown(body, ErpFields.ORDINI_TESTATA, ErpFields.ORDINI_RIGHE);
        ObjectNode header = ErpJson.object();
        Map<String, List<RowValue>> rowFields = new LinkedHashMap<>();
        body.properties().forEach(entry -> {
            ErpFields.Field headerField = ErpFields.ORDINI_TESTATA.get(entry.getKey());
            if (headerField != null) {
                JsonNode value = ErpValues.normalize(headerField, entry.getValue());
                if (value != null) {
                    header.set(entry.getKey(), value);
                }
            } else {
                List<RowValue> values = rowValues(ErpFields.ORDINI_RIGHE.get(entry.getKey()), entry.getValue());
                if (values != null) {
                    rowFields.put(entry.getKey(), values);
                }
            }
        });
        String sigla = ErpValues.text(header.get("sigla"));
        if (sigla == null || sigla.isBlank()) {
            throw required("sigla");
        }
        if (!ORDER_SIGLE.contains(sigla)) {
            throw ErpErrors.gestionale("Sigla documento non valida: " + sigla);
        }
        if (!header.has("serie")) {
            throw required("serie");
        }
        long serie = header.get("serie").asLong();
        if (serie < 1 || serie > 999) {
            throw ErpValues.invalid(ErpFields.ORDINI_TESTATA.get("serie"));
        }
        if (!header.has("numero")) {
            throw required("numero");
        }
        long numero = header.get("numero").asLong();
        if (numero < 0) {
            throw ErpValues.invalid(ErpFields.ORDINI_TESTATA.get("numero"));
        }
        String account = ErpValues.text(header.get("cod_conto"));
        if (account == null || account.isBlank()) {
            throw required("cod_conto");
        }
        if (!customers.containsKey(account)) {
            throw ErpErrors.gestionale("Conto inesistente: " + account);
        }
        String date = ErpValues.text(header.get("data_documento"));
        if (date == null) {
            header.put("data_documento", time.date());
        } else if (!ErpTime.isDate(date)) {
            throw ErpErrors.gestionale("Data non valida: data_documento");
        }
        checkShippingAddress(ErpValues.text(header.get("id_ind_sped")), account);
        Map<String, ArrayNode> rows = rows(rowFields);
        if (numero == 0) {
            numero = nextNumber(sigla, serie);
        } else if (orders.containsKey(orderKey(sigla, serie, numero))) {
            throw ErpErrors.gestionale("Documento già esistente");
        }
        header.put("sigla", sigla).put("serie", serie).put("numero", numero);
        if (!header.has("id_magazzino")) {
            header.put("id_magazzino", context.warehouse());
        }
        String stamp = time.stamp();
        header.put("data_creazione", time.date()).put("ora_creazione", time.time()).put("utente_crea", context.user())
                .put("data_ult_mod", stamp).put("utente_ult_mod", context.user());
        ObjectNode order = ordered(header, ErpFields.ORDINI_TESTATA);
        rows.forEach(order::set);
        String key = orderKey(sigla, serie, numero);
        orders.put(key, order);
        lastOrderNumbers.merge(sigla + "+" + serie, numero, Math::max);
        return key;
    }

    private void checkShippingAddress(String id, String account) {
        if (id == null || id.isBlank() || id.trim().equals("0")) {
            return;
        }
        ObjectNode address = addresses.get(parseId(id));
        if (address == null || !account.equals(address.path("cod_conto").asText())) {
            throw ErpErrors.gestionale("Indirizzo di spedizione inesistente: " + id);
        }
    }

    private long nextNumber(String sigla, long serie) {
        long highest = lastOrderNumbers.computeIfAbsent(sigla + "+" + serie, series -> orders.values().stream()
                .filter(order -> order.path("sigla").asText().equals(sigla) && order.path("serie").asLong() == serie)
                .mapToLong(order -> order.path("numero").asLong()).max().orElse(0));
        lastOrderNumbers.put(sigla + "+" + serie, highest + 1);
        return highest + 1;
    }

    /** The {@code [[row, value], …]} of one row field, checked; null for a JSON null. */
    private static List<RowValue> rowValues(ErpFields.Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ErpValues.arrayFormat(field);
        }
        int size = field.isArray() ? 3 : 2;
        List<RowValue> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode element : value) {
            if (!element.isArray() || element.size() != size || !ErpValues.isInteger(element.get(0))
                    || element.get(0).asLong() < 1) {
                throw ErpValues.arrayFormat(field);
            }
            long row = element.get(0).asLong();
            Long index = null;
            if (field.isArray()) {
                if (!ErpValues.isInteger(element.get(1)) || element.get(1).asLong() < 1
                        || element.get(1).asLong() > field.dimension()) {
                    throw ErpValues.arrayFormat(field);
                }
                index = element.get(1).asLong();
            }
            if (!seen.add(row + "/" + index)) {
                throw ErpErrors.gestionale("Indici di riga incoerenti: " + field.name());
            }
            values.add(new RowValue(row, index, ErpValues.scalar(field, element.get(size - 1))));
        }
        return values;
    }

    /**
     * Checks the rows and renders them as stored: rows renumbered 1…n in the order of the indexes sent,
     * id_riga assigned 1…n, tipo_stato_riga "E" unless sent, descr_articolo from the article when not sent.
     */
    private Map<String, ArrayNode> rows(Map<String, List<RowValue>> rowFields) {
        Map<String, ArrayNode> rendered = new LinkedHashMap<>();
        if (rowFields.isEmpty()) {
            return rendered;
        }
        List<RowValue> types = rowFields.get("tp_riga");
        if (types == null) {
            throw required("tp_riga");
        }
        TreeMap<Long, String> typeByRow = new TreeMap<>();
        types.forEach(type -> typeByRow.put(type.row(), ErpValues.text(type.value())));
        rowFields.forEach((name, values) -> {
            for (RowValue value : values) {
                if (!typeByRow.containsKey(value.row())) {
                    throw ErpErrors.gestionale("Indici di riga incoerenti: " + name);
                }
            }
        });
        Map<Long, Integer> renumbered = new LinkedHashMap<>();
        typeByRow.keySet().forEach(row -> renumbered.put(row, renumbered.size() + 1));
        for (Map.Entry<Long, String> row : typeByRow.entrySet()) {
            checkRow(row.getKey(), row.getValue(), rowFields);
        }
        for (ErpFields.Field field : ErpFields.ORDINI_RIGHE.all()) {
            String name = field.name();
            ArrayNode array = ErpJson.array();
            for (Map.Entry<Long, Integer> row : renumbered.entrySet()) {
                List<RowValue> values = valuesAt(rowFields.get(name), row.getKey());
                if (name.equals("id_riga")) {
                    array.addArray().add(row.getValue()).add(row.getValue());
                } else if (name.equals("tipo_stato_riga") && values.isEmpty()) {
                    array.addArray().add(row.getValue()).add("E");
                } else if (name.equals("descr_articolo") && values.isEmpty()
                        && "R".equals(typeByRow.get(row.getKey()))) {
                    String code = text(rowFields.get("codice_articolo"), row.getKey());
                    array.addArray().add(row.getValue()).add(articles.get(code).path("descrizione").asText());
                } else {
                    for (RowValue value : values) {
                        if (value.value() == null) {
                            continue;
                        }
                        ArrayNode element = array.addArray().add(row.getValue());
                        if (value.index() != null) {
                            element.add(value.index());
                        }
                        element.add(value.value());
                    }
                }
            }
            if (!array.isEmpty()) {
                rendered.put(name, array);
            }
        }
        return rendered;
    }

    private void checkRow(long row, String type, Map<String, List<RowValue>> rowFields) {
        if (type == null || !ROW_TYPES.contains(type)) {
            throw ErpErrors.gestionale("Tipo riga non valido: " + type);
        }
        String article = text(rowFields.get("codice_articolo"), row);
        if (type.equals("R")) {
            if (article == null || article.isBlank()) {
                throw required("codice_articolo");
            }
            if (!articles.containsKey(article)) {
                throw ErpErrors.gestionale("Articolo inesistente: " + article);
            }
            String vat = text(rowFields.get("cod_iva"), row);
            if (vat == null || vat.isBlank()) {
                throw ErpErrors.gestionale("Aliquota iva obbligatoria");
            }
        } else if (type.equals("r") && article != null && !article.isBlank() && !articles.containsKey(article)) {
            throw ErpErrors.gestionale("Articolo inesistente: " + article);
        }
        String state = text(rowFields.get("tipo_stato_riga"), row);
        if (state != null && !ROW_STATES.contains(state)) {
            throw ErpErrors.gestionale("Stato riga non valido: " + state);
        }
    }

    private static List<RowValue> valuesAt(List<RowValue> values, long row) {
        List<RowValue> at = new ArrayList<>();
        if (values != null) {
            values.stream().filter(value -> value.row() == row).forEach(at::add);
        }
        return at;
    }

    private static String text(List<RowValue> values, long row) {
        return valuesAt(values, row).stream().findFirst().map(value -> ErpValues.text(value.value())).orElse(null);
    }

    static String orderKey(String sigla, long serie, long numero) {
        return sigla + "+" + serie + "+" + numero;
    }

    /** "OC+01+007" → "OC+1+7"; anything not shaped like a document key → null. */
    private static String canonicalOrderKey(String key) {
        Matcher matcher = key == null ? null : ORDER_KEY.matcher(key.trim());
        if (matcher == null || !matcher.matches()) {
            return null;
        }
        return orderKey(matcher.group(1).toUpperCase(), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)));
    }

    private static String orderSortKey(ObjectNode order) {
        return String.format("%s+%09d+%012d", order.path("sigla").asText(), order.path("serie").asLong(),
                order.path("numero").asLong());
    }

    /** The header of a document: what lists and searches return. */
    private static ObjectNode header(ObjectNode order) {
        ObjectNode header = ErpJson.object();
        order.properties().forEach(entry -> {
            if (ErpFields.ORDINI_TESTATA.contains(entry.getKey())) {
                header.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
        return header;
    }

    /** The rows of a document as the transversal view documenti/ordini-clienti/righe shows them. */
    private static void rowView(ObjectNode order, List<ErpQuery.Listed> rows) {
        JsonNode types = order.get("tp_riga");
        if (types == null) {
            return;
        }
        for (int row = 1; row <= types.size(); row++) {
            ObjectNode record = ErpJson.object();
            for (String name : ErpFields.RIGHE_VISTA_TESTATA) {
                if (order.has(name)) {
                    record.set(name, order.get(name).deepCopy());
                }
            }
            for (ErpFields.Field field : ErpFields.ORDINI_RIGHE.all()) {
                JsonNode values = order.get(field.name());
                if (values == null) {
                    continue;
                }
                ArrayNode pairs = ErpJson.array();
                for (JsonNode element : values) {
                    if (element.get(0).asInt() != row) {
                        continue;
                    }
                    if (field.isArray()) {
                        pairs.addArray().add(element.get(1)).add(element.get(2));
                    } else {
                        record.set(field.name(), element.get(1).deepCopy());
                    }
                }
                if (field.isArray() && !pairs.isEmpty()) {
                    record.set(field.name(), pairs);
                }
            }
            if (order.has("data_ult_mod")) {
                record.set("data_ult_mod", order.get("data_ult_mod").deepCopy());
            }
            rows.add(new ErpQuery.Listed(orderSortKey(order) + String.format("+%06d", row), record));
        }
    }

    // ----------------------------------------------------------------------------------- plumbing

    private static ErpException required(String field) {
        return ErpErrors.gestionale("Campo obbligatorio: " + field);
    }

    private static ObjectNode existing(ObjectNode record) {
        if (record == null) {
            throw ErpErrors.notFound();
        }
        return record;
    }

    /** A PUT names the record's key in its body too ("obbligatorio_put"), and must name the same record. */
    private static void checkPutKey(ObjectNode body, String keyField, String key) {
        String sent = ErpValues.text(body.get(keyField));
        if (sent == null || sent.isBlank()) {
            throw required(keyField);
        }
        if (!sent.trim().equals(key)) {
            throw ErpErrors.gestionale("Codice non corrispondente: " + sent);
        }
    }

    private void stamp(ObjectNode record, Context context) {
        record.put("utente_ult_mod", context.user()).put("data_ult_mod", time.stamp());
    }

    /** The body's fields, normalised; JSON nulls left out. */
    private static ObjectNode normalize(ObjectNode body, ErpFields.FieldSet fields) {
        ObjectNode record = ErpJson.object();
        body.properties().forEach(entry -> {
            JsonNode value = ErpValues.normalize(fields.get(entry.getKey()), entry.getValue());
            if (value != null) {
                record.set(entry.getKey(), value);
            }
        });
        return record;
    }

    /** A copy of the record with the body's fields set (a JSON null clears the field). */
    private static ObjectNode merge(ObjectNode existing, ObjectNode body, ErpFields.FieldSet fields) {
        ObjectNode merged = existing.deepCopy();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            JsonNode value = ErpValues.normalize(fields.get(entry.getKey()), entry.getValue());
            if (value == null) {
                merged.remove(entry.getKey());
            } else {
                merged.set(entry.getKey(), value);
            }
        }
        return merged;
    }

    /** The record's fields in the order of the resource's self-description. */
    private static ObjectNode ordered(ObjectNode record, ErpFields.FieldSet fields) {
        ObjectNode ordered = ErpJson.object();
        for (String name : fields.names()) {
            if (record.has(name)) {
                ordered.set(name, record.get(name));
            }
        }
        return ordered;
    }

    private static String numericKey(long id) {
        return String.format("%012d", id);
    }

    private static List<ObjectNode> copies(Iterable<ObjectNode> records) {
        List<ObjectNode> copies = new ArrayList<>();
        records.forEach(record -> copies.add(record.deepCopy()));
        return copies;
    }
}
