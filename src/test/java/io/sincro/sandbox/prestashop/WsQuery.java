package io.sincro.sandbox.prestashop;

import io.sincro.contract.PrestaShopContract;
import io.sincro.contract.PrestaShopContract.Field;
import io.sincro.contract.PrestaShopContract.Resource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GET's {@code filter[...]}, {@code display}, {@code sort} and {@code limit}, read and refused the way
 * {@code WebserviceRequest::manageFilters}, {@code setFieldsToDisplay} and {@code SQLUtils::getSQLRetrieveFilter}
 * do (the facts file lists the codes), then applied to the simulated shop's rows.
 *
 * <p>Values compare as MySQL compares them: numerically when both sides are numbers, else as
 * case-insensitive strings (a date-only bound is then below every time of that day, as PrestaShop issue
 * #10822 describes).
 */
final class WsQuery {

    /** What the answer shows: ids only, every field, or the named fields and association fields. */
    record Display(boolean idsOnly, boolean full, Map<String, List<String>> fields) {
        static final Display IDS = new Display(true, false, Map.of());
        static final Display FULL = new Display(false, true, Map.of());

        boolean shows(String field) {
            return full || fields.containsKey(field) && fields.get(field) == null;
        }
    }

    private static final Pattern FILTER_NAME = Pattern.compile("^filter\\[([^\\]]*)](.*)$");
    private static final Pattern BRACKETED = Pattern.compile("^(.*)\\[(.*)](.*)$");
    private static final Pattern INTERVAL = Pattern.compile("^([\\d.:\\-\\s]+),([\\d.:\\-\\s]+)$");
    private static final Pattern LIST = Pattern.compile("^\\[(.*)]$");

    final Display display;
    private final List<Predicate<WsRow>> filters;
    private final Comparator<WsRow> order;
    private final long offset;
    private final long count;

    private WsQuery(Display display, List<Predicate<WsRow>> filters, Comparator<WsRow> order, long offset, long count) {
        this.display = display;
        this.filters = filters;
        this.order = order;
        this.offset = offset;
        this.count = count;
    }

    /** The list query; {@code single} for GET /api/r/{id}, where no display means full. */
    static WsQuery parse(Resource resource, Map<String, String> params, boolean single) {
        boolean date = params.containsKey("date") && !params.get("date").isEmpty() && !params.get("date").equals("0");
        List<String> available = new ArrayList<>();
        resource.fields().values().forEach(f -> {
            if (date || !isDate(f.name())) {
                available.add(f.name());
            }
        });
        if (date) {
            for (String d : List.of("date_add", "date_upd")) {
                if (!available.contains(d)) {
                    available.add(d);
                }
            }
        }
        if (params.containsKey("schema") && !params.get("schema").equals("blank") && !params.get("schema").equals("synopsis")) {
            throw WebserviceError.of(400, 28, "Please select a schema of type 'synopsis' to get the whole schema"
                    + " informations (which fields are required, which kind of content...) or 'blank' to get an empty"
                    + " schema to fill before using POST request");
        }
        List<Predicate<WsRow>> filters = new ArrayList<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            Matcher name = FILTER_NAME.matcher(p.getKey());
            if (!name.matches()) {
                continue;
            }
            String field = name.group(1);
            if (field.equals("sort") || field.equals("limit")) {
                continue;
            }
            if (!name.group(2).isEmpty()) {
                throw WebserviceError.of(400, 31, "There is no existing linked table for this resource");
            }
            if (!available.contains(field)) {
                throw WebserviceError.of(400, 32, didYouMean("This filter does not exist", field, available));
            }
            if (p.getValue().isEmpty()) {
                throw WebserviceError.of(400, 33, "The filter \"" + field + "\" is malformed.");
            }
            Field known = resource.fields().get(field);
            if (known != null && !known.filterable()) {
                throw WebserviceError.of(400, 34, "The field \"" + field
                        + "\" is dynamic. It is not possible to filter GET query with this field.");
            }
            filters.add(condition(field, p.getValue()));
        }
        Display display = display(resource, params.get("display"), single);
        Comparator<WsRow> order = Comparator.comparingLong(WsRow::id);
        if (params.containsKey("sort")) {
            order = sort(params.get("sort"), available);
        }
        long offset = 0;
        long count = Long.MAX_VALUE;
        if (params.containsKey("limit")) {
            String[] parts = params.get("limit").split(",", -1);
            if (parts.length > 2) {
                throw WebserviceError.of(400, 39, "The \"limit\" value has to be formed as this example: \"5,25\" or \"10\"");
            }
            if (parts.length == 2) {
                offset = phpInt(parts[0]);
                count = phpInt(parts[1]);
            } else {
                count = phpInt(parts[0]);
            }
        }
        return new WsQuery(display, filters, order, offset, count);
    }

    List<WsRow> select(List<WsRow> rows) {
        return rows.stream().filter(r -> filters.stream().allMatch(f -> f.test(r))).sorted(order).skip(offset)
                .limit(count).toList();
    }

    // ---------------------------------------------------------------------------------------------- parts

    private static Display display(Resource resource, String value, boolean single) {
        if (value == null) {
            return single ? Display.FULL : Display.IDS;
        }
        if (value.equals("full")) {
            return Display.FULL;
        }
        if (value.equals("minimum")) {
            return Display.IDS;
        }
        Matcher list = LIST.matcher(value);
        String available = String.join(", ", resource.fields().keySet());
        if (!list.matches()) {
            throw WebserviceError.of(400, 36, "The 'display' syntax is wrong. You can set 'full' or"
                    + " '[field_1,field_2,field_3,...]'. These are available: " + available);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String part : splitTopLevel(list.group(1))) {
            int bracket = part.indexOf('[');
            String name = (bracket < 0 ? part : part.substring(0, bracket)).trim();
            if (bracket < 0) {
                if (!resource.fields().containsKey(name)) {
                    throw WebserviceError.of(400, 35, "Unable to display this field \"" + name
                            + "\". However, these are available: " + available);
                }
                fields.putIfAbsent(name, null);
            } else {
                var association = resource.associations().get(name);
                List<String> sub = Arrays.asList(part.substring(bracket + 1, part.length() - 1).split(","));
                if (association == null || sub.stream().anyMatch(s -> !s.equals("id") && !association.fields().contains(s))) {
                    throw WebserviceError.of(400, 35, "Unable to display this field \"" + name + " (details : "
                            + sub + ")\". However, these are available: " + available);
                }
                fields.put(name, sub);
            }
        }
        return new Display(false, false, fields);
    }

    private static Comparator<WsRow> sort(String value, List<String> available) {
        Matcher list = LIST.matcher(value);
        List<String> sorts = list.matches() ? Arrays.asList(list.group(1).split(",")) : List.of(value);
        Comparator<WsRow> order = null;
        for (String sort : sorts) {
            int delimiter = sort.lastIndexOf('_');
            String direction = delimiter < 0 ? "" : sort.substring(delimiter + 1).toUpperCase(Locale.ROOT);
            if (delimiter < 0 || !direction.equals("ASC") && !direction.equals("DESC")) {
                throw WebserviceError.of(400, 37, "The \"sort\" value has to be formed as this example: \"field_ASC\" or"
                        + " '[field_1_DESC,field_2_ASC,field_3_ASC,...]' (\"field\" has to be an available field)");
            }
            String field = sort.substring(0, delimiter);
            if (!available.contains(field)) {
                throw WebserviceError.of(400, 38, "Unable to filter by this field. However, these are available: "
                        + String.join(", ", available) + ", for i18n fields:");
            }
            Comparator<WsRow> one = (a, b) -> compare(a.get(field), b.get(field));
            if (direction.equals("DESC")) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    /** SQLUtils::getSQLRetrieveFilter, as a predicate on a row. */
    static Predicate<WsRow> condition(String field, String value) {
        Matcher m = BRACKETED.matcher(value);
        if (!m.matches()) {
            return row -> equal(row.get(field), value);
        }
        String before = m.group(1);
        String inside = m.group(2);
        String after = m.group(3);
        if (before.equals("%") || after.equals("%")) {
            Pattern like = like(before + inside + after);
            return row -> like.matcher(row.get(field)).matches();
        }
        if (before.isEmpty() && after.isEmpty()) {
            if (inside.indexOf('|') > 0) {
                List<String> values = Arrays.asList(inside.split("\\|"));
                return row -> values.stream().anyMatch(v -> equal(row.get(field), v));
            }
            Matcher interval = INTERVAL.matcher(inside);
            if (interval.matches()) {
                String[] bounds = {interval.group(1), interval.group(2)};
                Arrays.sort(bounds, WsQuery::compare);
                return row -> compare(row.get(field), bounds[0]) >= 0 && compare(row.get(field), bounds[1]) <= 0;
            }
            return row -> equal(row.get(field), inside);
        }
        return switch (before) {
            case ">" -> row -> compare(row.get(field), inside) > 0;
            case "<" -> row -> compare(row.get(field), inside) < 0;
            case "!" -> {
                List<String> values = Arrays.asList(inside.split("\\|"));
                yield row -> values.stream().noneMatch(v -> equal(row.get(field), v));
            }
            default -> row -> true; // any other prefix adds no SQL condition at all
        };
    }

    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.compareToIgnoreCase(b);
    }

    private static boolean equal(String a, String b) {
        return compare(a, b) == 0;
    }

    private static BigDecimal number(String s) {
        if (s == null || s.isBlank() || !s.trim().matches("-?\\d+(\\.\\d+)?")) {
            return null;
        }
        return new BigDecimal(s.trim());
    }

    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static boolean isDate(String field) {
        return field.equals("date_add") || field.equals("date_upd");
    }

    /** PHP's (int) cast: the leading digits, else 0. */
    private static long phpInt(String s) {
        Matcher m = Pattern.compile("^\\s*(-?\\d+)").matcher(s);
        return m.find() ? Math.max(0, Long.parseLong(m.group(1))) : 0;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int level = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == ',' && level == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            level += c == '[' ? 1 : c == ']' ? -1 : 0;
            current.append(c);
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    static String didYouMean(String message, String wrong, List<String> available) {
        String closest = available.stream().min(Comparator.comparingInt(a -> distance(a, wrong))).orElse("");
        return message + ". Did you mean: \"" + closest + "\"? The full list is: \"" + String.join("\", \"", available) + "\"";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
