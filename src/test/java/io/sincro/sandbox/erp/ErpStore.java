package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
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
    private final Map<String, Integer> lastAccounts = new java.util.HashMap<>();

    /**
     * One year's documents. Mexal keeps the documents of each year apart (the {@code Anno=} of
     * Coordinate-Gestionale says which) and numbers them from 1 each year: OC+1+5 of 2026 and OC+1+5 of 2027 are
     * two orders. Customers, articles and stock are the company's, whatever the year.
     */
    private static final class Archive {
        final int year;
        final Map<String, ObjectNode> orders = new LinkedHashMap<>();
        /** The highest number used per document sigla and series: no scans per create. */
        final Map<String, Long> lastOrderNumbers = new java.util.HashMap<>();
        final Map<String, ObjectNode> movements = new LinkedHashMap<>();
        final Map<String, Long> lastMovementNumbers = new java.util.HashMap<>();
        /**
         * The last change of each document row, by document key and id_riga: a row keeps its stamp while other
         * rows of the document change. The row views show it as the row's data_ult_mod.
         */
        final Map<String, Map<Long, String>> rowStamps = new java.util.HashMap<>();
        /**
         * How much of each delivery-note row has been invoiced, by {@code <document key>#<id_riga>}: a DDT row's
         * residual to invoice is its quantita less this, so that a row cannot be invoiced twice. (The DDT itself
         * is not changed but for its data_ult_mod; the WebAPI has no field for this.)
         */
        final Map<String, BigDecimal> invoiced = new java.util.HashMap<>();

        Archive(int year) {
            this.year = year;
        }
    }

    private final TreeMap<Integer, Archive> archives = new TreeMap<>();
    /** The archive of the year the current call works in (see {@link #enter}); its maps, by their old names. */
    private Archive archive;
    private Map<String, ObjectNode> orders;
    private Map<String, Long> lastOrderNumbers;
    private Map<String, ObjectNode> movements;
    private Map<String, Long> lastMovementNumbers;
    private Map<String, Map<Long, String>> rowStamps;
    private Map<String, BigDecimal> invoiced;
    /** Article progressives by {@code <cod_articolo>+<warehouse, 6 digits>}, the order lists show them in. */
    private final TreeMap<String, ObjectNode> progressives = new TreeMap<>();
    private final Map<ErpResource, TreeMap<String, ObjectNode>> lookups = new java.util.EnumMap<>(ErpResource.class);
    private ErpCatalogue catalogue;

    ErpStore(ErpTime time) {
        this.time = time;
        enter(Integer.parseInt(time.date().substring(0, 4)));
        this.catalogue = new ErpCatalogue(0, time.stamp());
        ErpLookups.seed(time.date()).forEach((resource, records) -> {
            lookups.put(resource, new TreeMap<>());
            records.forEach(record -> putLookup(resource, record));
        });
    }

    /**
     * The year the following calls work in: the {@code Anno=} of the request's Coordinate-Gestionale, or the
     * operator's working year. Callers hold the store's lock from here to the end of their call.
     */
    synchronized void enter(int year) {
        archive = archiveOf(year);
        orders = archive.orders;
        lastOrderNumbers = archive.lastOrderNumbers;
        movements = archive.movements;
        lastMovementNumbers = archive.lastMovementNumbers;
        rowStamps = archive.rowStamps;
        invoiced = archive.invoiced;
    }

    private Archive archiveOf(int year) {
        return archives.computeIfAbsent(year, Archive::new);
    }

    // ------------------------------------------------------------------------------ test-side data

    synchronized void addArticle(String code, String description, String vatCode) {
        if (code == null || code.isBlank() || articleExists(code)) {
            throw new IllegalArgumentException("article code missing or already present: " + code);
        }
        ObjectNode article = ErpJson.object().put("codice", code).put("descrizione", description)
                .put("alq_iva", vatCode).put("data_ult_mod", time.stamp());
        articles.put(code, ordered(article, ErpFields.ARTICOLI));
    }

    synchronized void addArticleAlias(String alias, String articleCode) {
        if (!articleExists(articleCode)) {
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
        return listing(resource, record -> true, null, Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} records that pass the filter and sort after {@code after} (all when null), sorted by
     * key: one page of a list or search (see {@link ErpQuery.Source}). Records are tested where they lie and only
     * the matches are copied; generated articles and their progressives are computed for the page only.
     */
    synchronized List<ErpQuery.Listed> listing(ErpResource resource, Predicate<ObjectNode> filter, String after,
            int limit) {
        if (resource == ErpResource.ARTICOLI) {
            return withGenerated(sortedAfter(articles, key -> key, filter, after), filter, after, limit,
                    index -> articles.containsKey(ErpCatalogue.code(index)) ? null
                            : new ErpQuery.Listed(ErpCatalogue.code(index), catalogue.article(index)));
        }
        if (resource == ErpResource.PROGRESSIVI_ARTICOLI) {
            return withGenerated(sortedAfter(progressives, key -> key, filter, after), filter, after, limit,
                    index -> progressives.containsKey(progressiveKey(ErpCatalogue.code(index), 1)) ? null
                            : new ErpQuery.Listed(progressiveKey(ErpCatalogue.code(index), 1),
                                    catalogue.progressive(index)));
        }
        List<ErpQuery.Listed> rows = new ArrayList<>();
        switch (resource) {
            case CLIENTI -> customers.forEach((key, record) -> addIf(rows, key, record, filter));
            case ALIAS_ARTICOLI -> aliases.forEach((id, record) -> addIf(rows, numericKey(id), record, filter));
            case INDIRIZZI_SPEDIZIONE -> addresses.forEach((id, record) -> addIf(rows, numericKey(id), record, filter));
            case ORDINI_CLIENTI -> orders.values().forEach(order -> {
                ObjectNode header = header(order);
                if (filter.test(header)) {
                    rows.add(new ErpQuery.Listed(orderSortKey(order), header));
                }
            });
            case ORDINI_CLIENTI_RIGHE -> orders.values().forEach(order -> rowView(order, rows, filter));
            case MOVIMENTI_MAGAZZINO -> movements.values().forEach(movement -> {
                ObjectNode header = movementHeader(movement);
                if (filter.test(header)) {
                    rows.add(new ErpQuery.Listed(orderSortKey(movement), header));
                }
            });
            case MOVIMENTI_MAGAZZINO_RIGHE -> movements.values().forEach(movement -> movementRowView(movement, rows,
                    filter));
            default -> {
                if (!resource.isLookup()) {
                    throw ErpErrors.notFound();
                }
                lookups.get(resource).forEach((key, record) -> addIf(rows, key, record, filter));
            }
        }
        rows.sort(Comparator.comparing(ErpQuery.Listed::sortKey));
        return ErpQuery.Source.of(rows).after(after, limit);
    }

    /** The records of a map whose sort key is after {@code after} and that pass the filter, sorted, as copies. */
    private static <K> List<ErpQuery.Listed> sortedAfter(Map<K, ObjectNode> records,
            java.util.function.Function<K, String> sortKey, Predicate<ObjectNode> filter, String after) {
        List<ErpQuery.Listed> rows = new ArrayList<>();
        records.forEach((key, record) -> {
            String sort = sortKey.apply(key);
            if ((after == null || sort.compareTo(after) > 0) && filter.test(record)) {
                rows.add(new ErpQuery.Listed(sort, record.deepCopy()));
            }
        });
        rows.sort(Comparator.comparing(ErpQuery.Listed::sortKey));
        return rows;
    }

    /**
     * The stored records merged, in sort-key order, with the generated ones that follow {@code after}, up to
     * {@code limit}: generated records are computed one at a time, tested, and dropped unless they make the page.
     * {@code generated} answers null for an index whose record is stored (a generated article that was changed).
     */
    private List<ErpQuery.Listed> withGenerated(List<ErpQuery.Listed> stored, Predicate<ObjectNode> filter,
            String after, int limit, java.util.function.IntFunction<ErpQuery.Listed> generated) {
        List<ErpQuery.Listed> page = new ArrayList<>();
        int next = catalogue.firstAfter(after);
        int storedAt = 0;
        ErpQuery.Listed candidate = null;
        while (page.size() < limit) {
            while (candidate == null && next <= catalogue.count()) {
                ErpQuery.Listed listed = generated.apply(next);
                if (listed != null && filter.test(listed.record())) {
                    candidate = listed;
                } else {
                    next++;
                }
            }
            ErpQuery.Listed own = storedAt < stored.size() ? stored.get(storedAt) : null;
            if (candidate == null && own == null) {
                break;
            }
            if (candidate == null || own != null && own.sortKey().compareTo(candidate.sortKey()) < 0) {
                page.add(own);
                storedAt++;
            } else {
                page.add(candidate);
                candidate = null;
                next++;
            }
        }
        return page;
    }

    private static void addIf(List<ErpQuery.Listed> rows, String key, ObjectNode record,
            Predicate<ObjectNode> filter) {
        if (filter.test(record)) {
            rows.add(new ErpQuery.Listed(key, record.deepCopy()));
        }
    }

    synchronized Optional<ObjectNode> read(ErpResource resource, String key) {
        ObjectNode record = switch (resource) {
            case CLIENTI -> customers.get(key);
            case ARTICOLI -> articleRecord(key);
            case ALIAS_ARTICOLI -> aliases.values().stream().filter(alias -> aliasKey(alias).equals(key)).findFirst()
                    .orElse(null);
            case INDIRIZZI_SPEDIZIONE -> addresses.get(parseId(key));
            case ORDINI_CLIENTI -> orders.get(canonicalOrderKey(key));
            case MOVIMENTI_MAGAZZINO -> movements.get(canonicalOrderKey(key));
            default -> null;
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
            case MOVIMENTI_MAGAZZINO -> createMovement(body, context, null);
            default -> throw ErpErrors.notFound();
        };
    }

    synchronized void update(ErpResource resource, String key, ObjectNode body, Context context) {
        update(resource, key, body, context, false);
    }

    /** {@code headerOnly}: {@code ?solo_testata=true} on a document, whose rows are then left as they are. */
    synchronized void update(ErpResource resource, String key, ObjectNode body, Context context, boolean headerOnly) {
        switch (resource) {
            case ORDINI_CLIENTI -> updateOrder(key, body, context, headerOnly);
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
        if (articleExists(codice)) {
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
        ObjectNode existing = existing(articleRecord(key));
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
        if (!articleExists(article)) {
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
            numero = nextNumber(orders, lastOrderNumbers, sigla, serie);
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
        ErpRows.explode(order, ErpFields.ORDINI_RIGHE).forEach(row -> stampRow(key, row, stamp));
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
                    array.addArray().add(row.getValue()).add(articleRecord(code).path("descrizione").asText());
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
            if (!articleExists(article)) {
                throw ErpErrors.gestionale("Articolo inesistente: " + article);
            }
            String vat = text(rowFields.get("cod_iva"), row);
            if (vat == null || vat.isBlank()) {
                throw ErpErrors.gestionale("Aliquota iva obbligatoria");
            }
        } else if (type.equals("r") && article != null && !article.isBlank() && !articleExists(article)) {
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
    private void rowView(ObjectNode order, List<ErpQuery.Listed> rows, Predicate<ObjectNode> filter) {
        List<ObjectNode> exploded = ErpRows.explode(order, ErpFields.ORDINI_RIGHE);
        String key = documentKey(order);
        for (int row = 1; row <= exploded.size(); row++) {
            ObjectNode record = ErpJson.object();
            for (String name : ErpFields.RIGHE_VISTA_TESTATA) {
                if (order.has(name)) {
                    record.set(name, order.get(name).deepCopy());
                }
            }
            record.setAll(exploded.get(row - 1));
            record.put("data_ult_mod", rowStamp(key, exploded.get(row - 1), order));
            if (filter.test(record)) {
                rows.add(new ErpQuery.Listed(orderSortKey(order) + String.format("+%06d", row), record));
            }
        }
    }

    // ---------------------------------------------------------------- test-side: lookups, stock, catalogue

    /** Adds a lookup record or changes the one with the same key (id, or codice for esenzioni-iva and gruppi). */
    synchronized void putLookup(ErpResource resource, ObjectNode record) {
        if (!resource.isLookup()) {
            throw new IllegalArgumentException(resource.path + " is not a lookup table");
        }
        ObjectNode normalized;
        try {
            ErpValues.checkKnown(record, resource.fields);
            normalized = normalize(record, resource.fields);
        } catch (ErpException e) {
            throw new IllegalArgumentException(e.detail(), e);
        }
        String keyField = ErpLookups.keyField(resource);
        JsonNode key = normalized.get(keyField);
        if (ErpValues.blank(key)) {
            throw new IllegalArgumentException("a " + resource.path + " record needs \"" + keyField + "\"");
        }
        String sortKey = key.isNumber() ? numericKey(key.asLong()) : key.asText();
        ObjectNode existing = lookups.get(resource).get(sortKey);
        ObjectNode merged = existing == null ? normalized : merge(existing, record, resource.fields);
        lookups.get(resource).put(sortKey, ordered(merged, resource.fields));
    }

    /** From now on the catalogue holds the generated articles GEN000001…GEN<count> (see {@link ErpCatalogue}). */
    synchronized void generateArticles(int count) {
        catalogue = new ErpCatalogue(count, time.stamp());
    }

    /** Articles held as objects: those added, created or changed, not the generated ones left as they are. */
    synchronized int storedArticleCount() {
        return articles.size();
    }

    /** Progressives held as objects: those set or moved, not the generated ones left as they are. */
    synchronized int storedProgressiveCount() {
        return progressives.size();
    }

    /** Changes an article (a generated one becomes a stored record); stamps dt_mod and data_ult_mod. */
    synchronized void changeArticle(String code, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode article = articleRecord(code);
        if (article == null) {
            throw new IllegalArgumentException("no article " + code);
        }
        change.accept(article);
        ObjectNode record = changed(article, ErpFields.ARTICOLI, code, "an article");
        record.put("dt_mod", time.date()).put("data_ult_mod", time.stamp());
        articles.put(code, ordered(record, ErpFields.ARTICOLI));
    }

    /** Sets the price of one price list in prz_listino ({@code [[list, price]]}); stamps the article. */
    synchronized void setArticlePrice(String code, int priceList, BigDecimal price) {
        if (priceList < 1 || priceList > ErpFields.ARTICOLI.get("prz_listino").dimension()) {
            throw new IllegalArgumentException("no price list " + priceList);
        }
        changeArticle(code, article -> {
            TreeMap<Integer, JsonNode> prices = new TreeMap<>();
            JsonNode existing = article.get("prz_listino");
            if (existing != null && existing.isArray()) {
                existing.forEach(pair -> prices.put(pair.get(0).asInt(), pair.get(1)));
            }
            prices.put(priceList, ErpValues.decimalNode(price));
            ArrayNode pairs = article.putArray("prz_listino");
            prices.forEach((list, value) -> pairs.addArray().add(list).add(value));
        });
    }

    /** An operator's change as the ERP would take it: known fields only, normalised, same code. */
    private ObjectNode changed(ObjectNode record, ErpFields.FieldSet fields, String code, String what) {
        ObjectNode normalized;
        try {
            ErpValues.checkKnown(record, fields);
            normalized = normalize(record, fields);
        } catch (ErpException e) {
            throw new IllegalArgumentException(e.detail(), e);
        }
        if (!code.equals(ErpValues.text(normalized.get("codice")))) {
            throw new IllegalArgumentException("the code of " + what + " cannot change: " + code);
        }
        return normalized;
    }

    /** Changes a customer; stamps anag_dt_mod and data_ult_mod, as an update through the WebAPI does. */
    synchronized void changeCustomer(String code, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode customer = customers.get(code);
        if (customer == null) {
            throw new IllegalArgumentException("no customer " + code);
        }
        ObjectNode changed = customer.deepCopy();
        change.accept(changed);
        ObjectNode record = changed(changed, ErpFields.CLIENTI, code, "a customer");
        record.put("anag_dt_mod", time.date()).put("data_ult_mod", time.stamp());
        customers.put(code, ordered(record, ErpFields.CLIENTI));
    }

    /** Sets the quantities of an article's progressive in a warehouse; stamps dt_mod_ult_doc. */
    synchronized void setStock(String code, int warehouse, BigDecimal inventory, BigDecimal loaded,
            BigDecimal unloaded) {
        if (!articleExists(code)) {
            throw new IllegalArgumentException("no article " + code);
        }
        if (warehouse < 1) {
            throw new IllegalArgumentException("no warehouse " + warehouse);
        }
        ObjectNode progressive = storedProgressive(code, warehouse);
        progressive.set("qta_inventario", ErpValues.decimalNode(inventory));
        progressive.set("qta_carico", ErpValues.decimalNode(loaded));
        progressive.set("qta_scarico", ErpValues.decimalNode(unloaded));
        progressive.put("dt_mod_ult_doc", time.stamp());
    }

    /** A stored article, or a generated one computed from its code; null when neither. */
    private ObjectNode articleRecord(String code) {
        ObjectNode stored = articles.get(code);
        if (stored != null) {
            return stored.deepCopy();
        }
        int index = catalogue.indexOf(code);
        return index == 0 ? null : ordered(catalogue.article(index), ErpFields.ARTICOLI);
    }

    private boolean articleExists(String code) {
        return articles.containsKey(code) || catalogue.indexOf(code) > 0;
    }

    static String progressiveKey(String code, int warehouse) {
        return code + "+" + String.format("%06d", warehouse);
    }

    /** The stored progressive of an article in a warehouse, created (or taken from the catalogue) when missing. */
    private ObjectNode storedProgressive(String code, int warehouse) {
        String key = progressiveKey(code, warehouse);
        ObjectNode progressive = progressives.get(key);
        if (progressive == null) {
            int index = catalogue.indexOf(code);
            if (index > 0 && warehouse == 1) {
                progressive = catalogue.progressive(index);
            } else {
                ObjectNode article = articleRecord(code);
                progressive = ErpJson.object().put("cod_articolo", code)
                        .put("descr_articolo", article == null ? "" : article.path("descrizione").asText())
                        .put("id_magazzino", warehouse).put("um_principale",
                                article == null ? "" : article.path("um_principale").asText(""));
                for (String quantity : List.of("qta_inventario", "qta_carico", "qta_scarico", "qta_ord_for",
                        "qta_ord_dimp")) {
                    progressive.set(quantity, ErpValues.decimalNode(BigDecimal.ZERO));
                }
                progressive.put("dt_mod_ult_doc", time.stamp());
            }
            progressive = ordered(progressive, ErpFields.PROGRESSIVI_ARTICOLI);
            progressives.put(key, progressive);
        }
        return progressive;
    }

    /** Goods leave the warehouse: qta_scarico grows, dt_mod_ult_doc is stamped. */
    private void unload(String code, int warehouse, BigDecimal quantity, String stamp) {
        ObjectNode progressive = storedProgressive(code, warehouse);
        progressive.set("qta_scarico", ErpValues.decimalNode(decimal(progressive.get("qta_scarico")).add(quantity)));
        progressive.put("dt_mod_ult_doc", stamp);
    }

    // ------------------------------------------------------------------- documenti/movimenti-magazzino

    synchronized List<ObjectNode> movements() {
        return copies(movements.values());
    }

    synchronized Optional<ObjectNode> movement(String key) {
        return Optional.ofNullable(movements.get(canonicalOrderKey(key))).map(ObjectNode::deepCopy);
    }

    /** One origin row taken into the new movement: how much, and the row the movement gets. */
    private record Transfer(String originKey, boolean fromOrder, long originId, BigDecimal quantity,
            ObjectNode origin, ObjectNode target, Archive originArchive) {
    }

    /**
     * {@code POST documenti/movimenti-magazzino}; a transformation when {@code originSigla} (the
     * {@code ?sigla_trasformazione}) is set: every row naming an origin (sigla_doc_orig, serie_doc_orig,
     * numero_doc_orig, id_riga_orig, optional quantita_trs) takes that much of the origin row. Everything is
     * checked before anything is written.
     */
    synchronized String createMovement(ObjectNode body, Context context, String originSigla) {
        ErpValues.checkKnown(body, ErpFields.MOVIMENTI_TESTATA, ErpFields.MOVIMENTI_RIGHE,
                ErpFields.TRASFORMAZIONE_RIGHE);
        if (originSigla != null && !originSigla.trim().matches("[A-Za-z]{2}")) {
            throw ErpErrors.gestionale("Sigla trasformazione non valida: " + originSigla);
        }
        String transformedFrom = originSigla == null ? null : originSigla.trim().toUpperCase(Locale.ROOT);
        ObjectNode header = ErpJson.object();
        Map<String, List<RowValue>> rowFields = new LinkedHashMap<>();
        body.properties().forEach(entry -> {
            String name = entry.getKey();
            ErpFields.Field headerField = ErpFields.MOVIMENTI_TESTATA.get(name);
            ErpFields.Field rowField = ErpFields.MOVIMENTI_RIGHE.contains(name) ? ErpFields.MOVIMENTI_RIGHE.get(name)
                    : ErpFields.TRASFORMAZIONE_RIGHE.get(name);
            if (rowField != null && (headerField == null || entry.getValue().isArray())) {
                List<RowValue> values = rowValues(rowField, entry.getValue());
                if (values != null) {
                    rowFields.put(name, values);
                }
            } else {
                JsonNode value = ErpValues.normalize(headerField, entry.getValue());
                if (value != null) {
                    header.set(name, value);
                }
            }
        });
        String sigla = ErpValues.text(header.get("sigla"));
        if (sigla == null || sigla.isBlank()) {
            throw required("sigla");
        }
        if (!sigla.trim().matches("[A-Za-z]{2}")) {
            throw ErpErrors.gestionale("Sigla documento non valida: " + sigla);
        }
        sigla = sigla.trim().toUpperCase(Locale.ROOT);
        long serie = checkSerieNumero(header);
        long numero = header.get("numero").asLong();
        String account = ErpValues.text(header.get("cod_conto"));
        if (account == null || account.isBlank()) {
            throw required("cod_conto");
        }
        if (!customers.containsKey(account)) {
            throw ErpErrors.gestionale("Conto inesistente: " + account);
        }
        checkDate(header, "data_documento", true);
        checkDate(header, "dt_spedizione", false);
        checkShippingAddress(ErpValues.text(header.get("id_ind_sped")), account);
        TreeMap<Long, ObjectNode> bodyRows = bodyRows(rowFields);
        for (String name : ErpFields.MOVIMENTI_ORIGINE) {
            JsonNode value = header.remove(name);
            if (value != null) {
                bodyRows.values().stream().filter(row -> !row.has(name)).forEach(row -> row.set(name, value));
            }
        }
        List<ObjectNode> rows = new ArrayList<>();
        List<Transfer> transfers = new ArrayList<>();
        Map<String, BigDecimal> taken = new java.util.HashMap<>();
        for (ObjectNode row : bodyRows.values()) {
            if (transformedFrom != null && !ErpValues.blank(row.get("sigla_doc_orig"))) {
                Transfer transfer = transfer(transformedFrom, row, account, taken);
                transfers.add(transfer);
                rows.add(transfer.target());
            } else {
                row.remove(ErpFields.TRASFORMAZIONE_RIGHE.names());
                rows.add(plainRow(row));
            }
        }
        if (transformedFrom != null && transfers.isEmpty()) {
            throw ErpErrors.gestionale("Nessuna riga da trasformare");
        }
        if (numero == 0) {
            numero = nextNumber(movements, lastMovementNumbers, sigla, serie);
        } else if (movements.containsKey(orderKey(sigla, serie, numero))) {
            throw ErpErrors.gestionale("Documento già esistente");
        }
        // ---- checked: from here on everything is written
        header.put("sigla", sigla).put("serie", serie).put("numero", numero);
        if (!transfers.isEmpty()) {
            ObjectNode origin = transfers.get(0).origin();
            for (String name : List.of("id_magazzino", "id_pagamento", "id_ind_sped", "cod_anag_sped", "codice_agente",
                    "id_valuta")) {
                if (!header.has(name) && origin.has(name)) {
                    header.set(name, origin.get(name).deepCopy());
                }
            }
        }
        if (!header.has("id_magazzino")) {
            header.put("id_magazzino", context.warehouse());
        }
        String stamp = time.stamp();
        header.put("data_creazione", time.date()).put("ora_creazione", time.time()).put("utente_crea", context.user())
                .put("data_ult_mod", stamp).put("utente_ult_mod", context.user());
        for (int row = 0; row < rows.size(); row++) {
            rows.get(row).put("id_riga", row + 1);
        }
        ObjectNode movement = ordered(header, ErpFields.MOVIMENTI_TESTATA);
        ErpRows.implode(movement, rows, ErpFields.MOVIMENTI_RIGHE);
        String key = orderKey(sigla, serie, numero);
        movements.put(key, movement);
        lastMovementNumbers.merge(sigla + "+" + serie, numero, Math::max);
        rows.forEach(row -> stampRow(key, row, stamp));
        applyTransfers(transfers, context, stamp);
        int warehouse = (int) movement.path("id_magazzino").asLong(1);
        for (ObjectNode row : rows) {
            boolean unloads = sigla.equals("BC") || sigla.equals("FT") && !"BC".equals(row.path("sigla_doc_orig")
                    .asText());
            String article = ErpValues.text(row.get("codice_articolo"));
            if (unloads && "R".equals(row.path("tp_riga").asText()) && article != null && row.has("quantita")) {
                unload(article, warehouse, decimal(row.get("quantita")), stamp);
            }
        }
        return key;
    }

    private Transfer transfer(String originSigla, ObjectNode row, String account, Map<String, BigDecimal> taken) {
        String sigla = ErpValues.text(row.get("sigla_doc_orig")).trim().toUpperCase(Locale.ROOT);
        if (!sigla.equals(originSigla)) {
            throw ErpErrors.gestionale("Sigla documento origine diversa da sigla_trasformazione: " + sigla);
        }
        for (String name : List.of("serie_doc_orig", "numero_doc_orig", "id_riga_orig")) {
            if (ErpValues.blank(row.get(name))) {
                throw required(name);
            }
        }
        String originKey = orderKey(sigla, row.get("serie_doc_orig").asLong(), row.get("numero_doc_orig").asLong());
        boolean fromOrder = ORDER_SIGLE.contains(sigla);
        Archive originArchive = originArchive(originKey, fromOrder, ErpValues.text(row.get("data_doc_orig")));
        ObjectNode origin = originArchive == null ? null
                : fromOrder ? originArchive.orders.get(originKey) : originArchive.movements.get(originKey);
        if (origin == null) {
            throw ErpErrors.gestionale("Documento origine inesistente: " + originKey);
        }
        if (!account.equals(origin.path("cod_conto").asText())) {
            throw ErpErrors.gestionale("Conto diverso da quello del documento origine " + originKey + ": "
                    + origin.path("cod_conto").asText());
        }
        long id = row.get("id_riga_orig").asLong();
        String where = originKey + " id_riga " + id;
        ObjectNode originRow = ErpRows.explode(origin, fromOrder ? ErpFields.ORDINI_RIGHE : ErpFields.MOVIMENTI_RIGHE)
                .stream().filter(candidate -> candidate.path("id_riga").asLong() == id).findFirst()
                .orElseThrow(() -> ErpErrors.gestionale("Riga origine inesistente: " + where));
        String state = originRow.path("tipo_stato_riga").asText("E");
        if (state.equals("N")) {
            throw ErpErrors.gestionale("Riga origine annullata: " + where);
        }
        if (!state.equals("E")) {
            throw ErpErrors.gestionale("Riga origine non evadibile (stato " + state + "): " + where);
        }
        if (!"R".equals(originRow.path("tp_riga").asText())) {
            throw ErpErrors.gestionale("Riga origine senza quantità: " + where);
        }
        String rowKey = originKey + "#" + id;
        BigDecimal residual = decimal(originRow.get("quantita"))
                .subtract(fromOrder ? BigDecimal.ZERO : originArchive.invoiced.getOrDefault(rowKey, BigDecimal.ZERO))
                .subtract(taken.getOrDefault(rowKey, BigDecimal.ZERO));
        JsonNode sent = row.get("quantita_trs");
        BigDecimal quantity = sent == null || sent.isNull() ? residual : decimal(sent);
        if (residual.signum() <= 0) {
            throw ErpErrors.gestionale("Riga origine già evasa: " + where);
        }
        if (quantity.signum() <= 0) {
            throw ErpErrors.gestionale("Valore non valido per il campo: quantita_trs");
        }
        if (quantity.compareTo(residual) > 0) {
            throw ErpErrors.gestionale("Quantità da trasformare superiore al residuo: " + where + " (residuo "
                    + ErpValues.plain(residual) + ")");
        }
        taken.merge(rowKey, quantity, BigDecimal::add);
        ObjectNode target = row.deepCopy();
        target.remove(ErpFields.TRASFORMAZIONE_RIGHE.names());
        for (String name : List.of("tp_riga", "codice_articolo", "descr_articolo", "cod_iva", "prezzo", "sconto")) {
            if (originRow.has(name)) {
                target.set(name, originRow.get(name).deepCopy());
            }
        }
        target.set("quantita", ErpValues.decimalNode(quantity));
        target.put("sigla_doc_orig", sigla).put("serie_doc_orig", origin.path("serie").asLong())
                .put("numero_doc_orig", origin.path("numero").asLong())
                .put("data_doc_orig", origin.path("data_documento").asText());
        if (fromOrder) {
            target.put("sigla_ordine", sigla).put("serie_ordine", origin.path("serie").asLong())
                    .put("numero_ordine", origin.path("numero").asLong())
                    .put("data_ordine", origin.path("data_documento").asText());
        } else {
            for (String name : List.of("sigla_ordine", "serie_ordine", "numero_ordine", "data_ordine")) {
                target.remove(name);
                if (originRow.has(name)) {
                    target.set(name, originRow.get(name).deepCopy());
                }
            }
        }
        target.put("id_riga_orig", id);
        if (!target.has("tipo_stato_riga") || target.get("tipo_stato_riga").isNull()) {
            target.put("tipo_stato_riga", "E");
        }
        return new Transfer(originKey, fromOrder, id, quantity, origin, target, originArchive);
    }

    /**
     * Where the origin of a transformation lies: a document of an earlier year (an order of December delivered in
     * January) is named by its key and its date ({@code data_doc_orig}); without a date, this year's archive.
     */
    private Archive originArchive(String originKey, boolean fromOrder, String originDate) {
        if (originDate == null || originDate.isBlank()) {
            return archive;
        }
        List<Archive> candidates = new ArrayList<>();
        if (ErpTime.isDate(originDate.trim())) {
            candidates.add(archiveOf(Integer.parseInt(originDate.trim().substring(0, 4))));
        }
        candidates.add(archive);
        candidates.addAll(archives.descendingMap().values());
        for (Archive candidate : candidates) {
            ObjectNode origin = fromOrder ? candidate.orders.get(originKey) : candidate.movements.get(originKey);
            if (origin != null && originDate.trim().equals(origin.path("data_documento").asText())) {
                return candidate;
            }
        }
        return archive;
    }

    /**
     * The effect of a transformation on its origins: an order row's quantity goes down by what was taken and a
     * row taken completely leaves the order; a delivery-note row's invoiced quantity goes up. The origin's header
     * and the rows touched are stamped.
     */
    private void applyTransfers(List<Transfer> transfers, Context context, String stamp) {
        Map<String, List<Transfer>> byOrigin = new LinkedHashMap<>();
        transfers.forEach(transfer -> byOrigin.computeIfAbsent(transfer.originKey(), k -> new ArrayList<>())
                .add(transfer));
        byOrigin.forEach((originKey, taken) -> {
            boolean fromOrder = taken.get(0).fromOrder();
            Archive at = taken.get(0).originArchive();
            ObjectNode origin = fromOrder ? at.orders.get(originKey) : at.movements.get(originKey);
            ErpFields.FieldSet rowSet = fromOrder ? ErpFields.ORDINI_RIGHE : ErpFields.MOVIMENTI_RIGHE;
            List<ObjectNode> rows = ErpRows.explode(origin, rowSet);
            for (Transfer transfer : taken) {
                ObjectNode row = rows.stream().filter(r -> r.path("id_riga").asLong() == transfer.originId())
                        .findFirst().orElseThrow();
                if (fromOrder) {
                    row.set("quantita", ErpValues.decimalNode(decimal(row.get("quantita"))
                            .subtract(transfer.quantity())));
                } else {
                    at.invoiced.merge(originKey + "#" + transfer.originId(), transfer.quantity(), BigDecimal::add);
                }
                at.rowStamps.computeIfAbsent(originKey, k -> new java.util.HashMap<>())
                        .put(row.path("id_riga").asLong(), stamp);
            }
            if (fromOrder) {
                List<ObjectNode> left = new ArrayList<>();
                for (ObjectNode row : rows) {
                    boolean emptied = taken.stream().anyMatch(t -> t.originId() == row.path("id_riga").asLong())
                            && decimal(row.get("quantita")).signum() <= 0;
                    if (emptied) {
                        at.rowStamps.getOrDefault(originKey, new java.util.HashMap<>())
                                .remove(row.path("id_riga").asLong());
                    } else {
                        left.add(row);
                    }
                }
                rows = left;
            }
            ObjectNode updated = ordered(origin, fromOrder ? ErpFields.ORDINI_TESTATA : headerFieldsOfMovements());
            stampDocument(updated, context, stamp);
            ErpRows.implode(updated, rows, rowSet);
            (fromOrder ? at.orders : at.movements).put(originKey, updated);
        });
    }

    /** The movement header fields that stay scalars in a full document (all but the origin references). */
    private static ErpFields.FieldSet headerFieldsOfMovements() {
        return MOVEMENT_HEADER;
    }

    private static final ErpFields.FieldSet MOVEMENT_HEADER = ErpFields.MOVIMENTI_TESTATA
            .without(ErpFields.MOVIMENTI_ORIGINE);

    /** A row written as it is (no origin to take from): checked like an order row, defaults filled in. */
    private ObjectNode plainRow(ObjectNode row) {
        ObjectNode clean = ErpJson.object();
        row.properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                clean.set(entry.getKey(), entry.getValue());
            }
        });
        checkRow(clean);
        if (!clean.has("tipo_stato_riga")) {
            clean.put("tipo_stato_riga", "E");
        }
        if (!clean.has("descr_articolo") && "R".equals(clean.path("tp_riga").asText())) {
            clean.put("descr_articolo", articleRecord(clean.get("codice_articolo").asText()).path("descrizione")
                    .asText());
        }
        return clean;
    }

    /** The checks of {@link #checkRow(long, String, Map)} on a row object. */
    private void checkRow(ObjectNode row) {
        String type = ErpValues.text(row.get("tp_riga"));
        if (type == null) {
            throw required("tp_riga");
        }
        if (!ROW_TYPES.contains(type)) {
            throw ErpErrors.gestionale("Tipo riga non valido: " + type);
        }
        String article = ErpValues.text(row.get("codice_articolo"));
        if (type.equals("R")) {
            if (article == null || article.isBlank()) {
                throw required("codice_articolo");
            }
            if (!articleExists(article)) {
                throw ErpErrors.gestionale("Articolo inesistente: " + article);
            }
            if (ErpValues.blank(row.get("cod_iva"))) {
                throw ErpErrors.gestionale("Aliquota iva obbligatoria");
            }
        } else if (type.equals("r") && article != null && !article.isBlank() && !articleExists(article)) {
            throw ErpErrors.gestionale("Articolo inesistente: " + article);
        }
        String state = ErpValues.text(row.get("tipo_stato_riga"));
        if (state != null && !ROW_STATES.contains(state)) {
            throw ErpErrors.gestionale("Stato riga non valido: " + state);
        }
    }

    /** The rows of a body, one object per row index sent (sorted); a JSON null is kept as null (clears on PUT). */
    private static TreeMap<Long, ObjectNode> bodyRows(Map<String, List<RowValue>> rowFields) {
        TreeMap<Long, ObjectNode> rows = new TreeMap<>();
        rowFields.forEach((name, values) -> {
            for (RowValue value : values) {
                ObjectNode row = rows.computeIfAbsent(value.row(), r -> ErpJson.object());
                if (value.index() == null) {
                    if (value.value() == null) {
                        row.putNull(name);
                    } else {
                        row.set(name, value.value());
                    }
                } else if (value.value() != null) {
                    ArrayNode pairs = row.has(name) && row.get(name).isArray() ? (ArrayNode) row.get(name)
                            : row.putArray(name);
                    pairs.addArray().add(value.index()).add(value.value());
                }
            }
        });
        return rows;
    }

    /** A movement's header as lists and searches show it: the origin references are those of its first row. */
    private static ObjectNode movementHeader(ObjectNode movement) {
        List<ObjectNode> rows = ErpRows.explode(movement, ErpFields.MOVIMENTI_RIGHE);
        ObjectNode header = ErpJson.object();
        for (String name : ErpFields.MOVIMENTI_TESTATA.names()) {
            if (ErpFields.MOVIMENTI_ORIGINE.contains(name)) {
                rows.stream().filter(row -> row.has(name)).findFirst()
                        .ifPresent(row -> header.set(name, row.get(name).deepCopy()));
            } else if (movement.has(name)) {
                header.set(name, movement.get(name).deepCopy());
            }
        }
        return header;
    }

    /** The rows of a movement as documenti/movimenti-magazzino/righe shows them. */
    private void movementRowView(ObjectNode movement, List<ErpQuery.Listed> rows, Predicate<ObjectNode> filter) {
        List<ObjectNode> exploded = ErpRows.explode(movement, ErpFields.MOVIMENTI_RIGHE);
        String key = documentKey(movement);
        for (int row = 1; row <= exploded.size(); row++) {
            ObjectNode values = exploded.get(row - 1);
            ObjectNode record = ErpJson.object();
            for (String name : ErpFields.MOVIMENTI_RIGHE_VISTA.names()) {
                if (name.equals("data_ult_mod")) {
                    record.put(name, rowStamp(key, values, movement));
                } else if (ErpFields.MOVIMENTI_VISTA_TESTATA.contains(name)) {
                    if (movement.has(name)) {
                        record.set(name, movement.get(name).deepCopy());
                    }
                } else if (values.has(name)) {
                    record.set(name, values.get(name));
                }
            }
            if (filter.test(record)) {
                rows.add(new ErpQuery.Listed(orderSortKey(movement) + String.format("+%06d", row), record));
            }
        }
    }

    // ----------------------------------------------------------------- documenti/ordini-clienti PUT

    /**
     * PUT of a customer order: header fields merged; with row fields (and without {@code ?solo_testata=true}) the
     * rows are those sent: an {@code id_riga} of an existing row changes that row (fields not sent are kept), 0 or
     * absent adds a row, existing rows not sent are deleted. The header and the rows changed are stamped.
     */
    private void updateOrder(String rawKey, ObjectNode body, Context context, boolean headerOnly) {
        String key = canonicalOrderKey(rawKey);
        ObjectNode order = existing(key == null ? null : orders.get(key));
        ErpValues.checkKnown(body, ErpFields.ORDINI_TESTATA, ErpFields.ORDINI_RIGHE);
        for (String name : List.of("sigla", "serie", "numero")) {
            if (ErpValues.blank(body.get(name))) {
                throw required(name);
            }
        }
        String sent = canonicalOrderKey(ErpValues.text(body.get("sigla")) + "+" + ErpValues.text(body.get("serie"))
                + "+" + ErpValues.text(body.get("numero")));
        if (!key.equals(sent)) {
            throw ErpErrors.gestionale("Documento non corrispondente: " + sent);
        }
        ObjectNode header = header(order);
        Map<String, List<RowValue>> rowFields = new LinkedHashMap<>();
        body.properties().forEach(entry -> {
            String name = entry.getKey();
            ErpFields.Field headerField = ErpFields.ORDINI_TESTATA.get(name);
            if (headerField != null) {
                if (List.of("sigla", "serie", "numero").contains(name)) {
                    return;
                }
                JsonNode value = ErpValues.normalize(headerField, entry.getValue());
                if (value == null) {
                    header.remove(name);
                } else {
                    header.set(name, value);
                }
            } else {
                List<RowValue> values = rowValues(ErpFields.ORDINI_RIGHE.get(name), entry.getValue());
                rowFields.put(name, values == null ? List.of() : values);
            }
        });
        String account = ErpValues.text(header.get("cod_conto"));
        if (account == null || account.isBlank()) {
            throw required("cod_conto");
        }
        if (!customers.containsKey(account)) {
            throw ErpErrors.gestionale("Conto inesistente: " + account);
        }
        checkDate(header, "data_documento", false);
        checkShippingAddress(ErpValues.text(header.get("id_ind_sped")), account);
        List<ObjectNode> oldRows = ErpRows.explode(order, ErpFields.ORDINI_RIGHE);
        List<ObjectNode> newRows = oldRows;
        Set<Long> touched = new HashSet<>();
        if (!headerOnly && !rowFields.isEmpty()) {
            if (!rowFields.containsKey("tp_riga")) {
                throw required("tp_riga");
            }
            TreeMap<Long, ObjectNode> sentRows = bodyRows(rowFields);
            Set<Long> typed = new HashSet<>();
            rowFields.get("tp_riga").forEach(value -> typed.add(value.row()));
            if (!typed.containsAll(sentRows.keySet())) {
                throw ErpErrors.gestionale("Indici di riga incoerenti");
            }
            Map<Long, ObjectNode> byId = new LinkedHashMap<>();
            oldRows.forEach(row -> byId.put(row.path("id_riga").asLong(), row));
            long nextId = byId.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
            newRows = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (ObjectNode sentRow : sentRows.values()) {
                long id = sentRow.path("id_riga").asLong(0);
                ObjectNode old = id > 0 ? byId.get(id) : null;
                ObjectNode merged;
                if (id > 0) {
                    if (old == null) {
                        throw ErpErrors.gestionale("Riga inesistente: id_riga " + id);
                    }
                    if (!seen.add(id)) {
                        throw ErpErrors.gestionale("Indici di riga incoerenti: id_riga");
                    }
                    merged = old.deepCopy();
                    sentRow.properties().forEach(entry -> {
                        if (entry.getValue().isNull()) {
                            merged.remove(entry.getKey());
                        } else {
                            merged.set(entry.getKey(), entry.getValue());
                        }
                    });
                    checkRow(merged);
                } else {
                    sentRow.remove("id_riga");
                    merged = plainRow(sentRow);
                    id = nextId++;
                    merged.put("id_riga", id);
                }
                if (old == null || !old.equals(merged)) {
                    touched.add(id);
                }
                newRows.add(merged);
            }
        }
        String stamp = time.stamp();
        ObjectNode updated = ordered(header, ErpFields.ORDINI_TESTATA);
        stampDocument(updated, context, stamp);
        ErpRows.implode(updated, newRows, ErpFields.ORDINI_RIGHE);
        orders.put(key, updated);
        Map<Long, String> stamps = rowStamps.computeIfAbsent(key, k -> new java.util.HashMap<>());
        Set<Long> kept = new HashSet<>();
        newRows.forEach(row -> kept.add(row.path("id_riga").asLong()));
        stamps.keySet().retainAll(kept);
        touched.forEach(id -> stamps.put(id, stamp));
    }

    // ------------------------------------------------------------------------------- operator actions

    /** Every row of the order cancelled (tipo_stato_riga N), as a PUT of the whole order does it. */
    synchronized void cancelOrder(String orderKey, Context context) {
        ObjectNode order = orders.get(canonicalOrderKey(orderKey));
        if (order == null) {
            throw new IllegalArgumentException("no order " + orderKey);
        }
        ObjectNode body = ErpJson.object().put("sigla", order.path("sigla").asText())
                .put("serie", order.path("serie").asLong()).put("numero", order.path("numero").asLong());
        ArrayNode ids = body.putArray("id_riga");
        ArrayNode types = body.putArray("tp_riga");
        ArrayNode states = body.putArray("tipo_stato_riga");
        List<ObjectNode> rows = ErpRows.explode(order, ErpFields.ORDINI_RIGHE);
        for (int row = 1; row <= rows.size(); row++) {
            ids.addArray().add(row).add(rows.get(row - 1).path("id_riga").asLong());
            types.addArray().add(row).add(rows.get(row - 1).path("tp_riga").asText());
            states.addArray().add(row).add("N");
        }
        updateOrder(orderKey, body, context, false);
    }

    /**
     * A transformation of an order into a movement of sigla {@code target} (BC, FT): {@code quantities} by
     * article (null = everything left on the fulfillable rows), spread over the order's rows of that article.
     */
    synchronized String fulfil(int orderYear, String orderKey, String target, Map<String, BigDecimal> quantities,
            String carrier, String tracking, LocalDate shippedOn, Context context) {
        ObjectNode order = archiveOf(orderYear).orders.get(canonicalOrderKey(orderKey));
        if (order == null) {
            throw new IllegalArgumentException("no order " + orderKey);
        }
        ObjectNode body = transformationHeader(target, order, carrier, tracking, shippedOn);
        List<ObjectNode> rows = ErpRows.explode(order, ErpFields.ORDINI_RIGHE);
        Map<String, BigDecimal> left = quantities == null ? null : new LinkedHashMap<>(quantities);
        int index = 0;
        ObjectNode lastRow = null;
        for (ObjectNode row : rows) {
            String article = row.path("codice_articolo").asText();
            if (!"R".equals(row.path("tp_riga").asText()) || !"E".equals(row.path("tipo_stato_riga").asText("E"))) {
                continue;
            }
            BigDecimal quantity = decimal(row.get("quantita"));
            if (left != null) {
                BigDecimal wanted = left.getOrDefault(article, BigDecimal.ZERO);
                quantity = wanted.min(quantity);
                left.computeIfPresent(article, (a, q) -> q.subtract(wanted.min(decimal(row.get("quantita")))));
            }
            if (quantity.signum() > 0) {
                lastRow = addTransferRow(body, ++index, order, row, quantity);
            }
        }
        if (left != null) {
            for (Map.Entry<String, BigDecimal> rest : left.entrySet()) {
                if (rest.getValue().signum() <= 0) {
                    continue;
                }
                // more than the order has left, or only on rows that cannot be fulfilled: let the ERP refuse it
                ObjectNode row = rows.stream().filter(r -> rest.getKey().equals(r.path("codice_articolo").asText()))
                        .reduce((a, b) -> b).orElseThrow(() -> new IllegalArgumentException(
                                "article " + rest.getKey() + " is not on order " + orderKey));
                BigDecimal onRow = row == lastRow ? decimal(row.get("quantita")).add(rest.getValue()) : rest.getValue();
                if (row == lastRow) {
                    index--;
                    for (String name : List.of("tp_riga", "sigla_doc_orig", "serie_doc_orig", "numero_doc_orig",
                            "data_doc_orig", "id_riga_orig", "quantita_trs")) {
                        ((ArrayNode) body.get(name)).remove(body.get(name).size() - 1);
                    }
                }
                addTransferRow(body, ++index, order, row, onRow);
            }
        }
        return createMovement(body, context, order.path("sigla").asText());
    }

    /** A transformation of a delivery note into an invoice: everything of it not invoiced yet. */
    synchronized String invoiceDeliveryNote(int noteYear, String key, String carrier, String tracking,
            LocalDate shippedOn, Context context) {
        Archive noteArchive = archiveOf(noteYear);
        ObjectNode note = noteArchive.movements.get(canonicalOrderKey(key));
        if (note == null) {
            throw new IllegalArgumentException("no movement " + key);
        }
        ObjectNode body = transformationHeader("FT", note, carrier, tracking, shippedOn);
        for (String name : List.of("cod_vettore", "nr_tracking", "dt_spedizione", "ora_spedizione")) {
            if (!body.has(name) && note.has(name)) {
                body.set(name, note.get(name).deepCopy());
            }
        }
        int index = 0;
        String noteKey = documentKey(note);
        for (ObjectNode row : ErpRows.explode(note, ErpFields.MOVIMENTI_RIGHE)) {
            if (!"R".equals(row.path("tp_riga").asText())) {
                continue;
            }
            BigDecimal left = decimal(row.get("quantita"))
                    .subtract(noteArchive.invoiced.getOrDefault(noteKey + "#" + row.path("id_riga").asLong(),
                            BigDecimal.ZERO));
            if (left.signum() > 0) {
                addTransferRow(body, ++index, note, row, left);
            }
        }
        return createMovement(body, context, note.path("sigla").asText());
    }

    private ObjectNode transformationHeader(String target, ObjectNode origin, String carrier, String tracking,
            LocalDate shippedOn) {
        ObjectNode body = ErpJson.object().put("sigla", target).put("serie", 1).put("numero", 0)
                .put("cod_conto", origin.path("cod_conto").asText()).put("data_documento", time.date());
        if (carrier != null) {
            body.put("cod_vettore", carrier);
        }
        if (tracking != null) {
            body.put("nr_tracking", tracking);
        }
        if (shippedOn != null) {
            body.put("dt_spedizione", shippedOn.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))
                    .put("ora_spedizione", time.time());
        }
        for (String name : List.of("tp_riga", "sigla_doc_orig", "serie_doc_orig", "numero_doc_orig", "data_doc_orig",
                "id_riga_orig", "quantita_trs")) {
            body.putArray(name);
        }
        return body;
    }

    private static ObjectNode addTransferRow(ObjectNode body, int index, ObjectNode origin, ObjectNode row,
            BigDecimal quantity) {
        ((ArrayNode) body.get("tp_riga")).addArray().add(index).add("R");
        ((ArrayNode) body.get("sigla_doc_orig")).addArray().add(index).add(origin.path("sigla").asText());
        ((ArrayNode) body.get("serie_doc_orig")).addArray().add(index).add(origin.path("serie").asLong());
        ((ArrayNode) body.get("numero_doc_orig")).addArray().add(index).add(origin.path("numero").asLong());
        ((ArrayNode) body.get("data_doc_orig")).addArray().add(index).add(origin.path("data_documento").asText());
        ((ArrayNode) body.get("id_riga_orig")).addArray().add(index).add(row.path("id_riga").asLong());
        ((ArrayNode) body.get("quantita_trs")).addArray().add(index).add(quantity);
        return row;
    }

    // ---------------------------------------------------------------------------- document plumbing

    private long checkSerieNumero(ObjectNode header) {
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
        if (header.get("numero").asLong() < 0) {
            throw ErpValues.invalid(ErpFields.ORDINI_TESTATA.get("numero"));
        }
        return serie;
    }

    /** AAAAMMGG or 6001; {@code defaultToday}: an absent date becomes today's. */
    private void checkDate(ObjectNode header, String name, boolean defaultToday) {
        String date = ErpValues.text(header.get(name));
        if (date == null) {
            if (defaultToday) {
                header.put(name, time.date());
            }
        } else if (!ErpTime.isDate(date)) {
            throw ErpErrors.gestionale("Data non valida: " + name);
        }
    }

    private static long nextNumber(Map<String, ObjectNode> archive, Map<String, Long> lastNumbers, String sigla,
            long serie) {
        long highest = lastNumbers.computeIfAbsent(sigla + "+" + serie, series -> archive.values().stream()
                .filter(doc -> doc.path("sigla").asText().equals(sigla) && doc.path("serie").asLong() == serie)
                .mapToLong(doc -> doc.path("numero").asLong()).max().orElse(0));
        lastNumbers.put(sigla + "+" + serie, highest + 1);
        return highest + 1;
    }

    private static String documentKey(ObjectNode document) {
        return orderKey(document.path("sigla").asText(), document.path("serie").asLong(),
                document.path("numero").asLong());
    }

    private void stampRow(String documentKey, ObjectNode row, String stamp) {
        rowStamps.computeIfAbsent(documentKey, k -> new java.util.HashMap<>()).put(row.path("id_riga").asLong(), stamp);
    }

    /** The row's own last change; the document's when the row has none recorded. */
    private String rowStamp(String documentKey, ObjectNode row, ObjectNode document) {
        Map<Long, String> stamps = rowStamps.get(documentKey);
        String stamp = stamps == null ? null : stamps.get(row.path("id_riga").asLong());
        return stamp != null ? stamp : document.path("data_ult_mod").asText();
    }

    private static void stampDocument(ObjectNode document, Context context, String stamp) {
        document.put("dt_var_sistema", stamp.substring(0, 8)).put("ora_var_sistema", stamp.substring(9))
                .put("utente_modifica", context.user()).put("data_ult_mod", stamp)
                .put("utente_ult_mod", context.user());
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isNull()) {
            return BigDecimal.ZERO;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
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
