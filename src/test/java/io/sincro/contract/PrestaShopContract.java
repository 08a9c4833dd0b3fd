package io.sincro.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The facts of the PrestaShop 8 webservice the hub relies on ({@code contracts/prestashop-8.json}, extracted by
 * {@code scripts/contracts/prestashop_contract.py} from PrestaShop's own documentation and webservice code),
 * and the check of one HTTP request against them: an unknown resource, a method the resource does not allow,
 * an unknown query parameter or a value outside the webservice's grammar, an XML body naming a field that
 * does not exist or cannot be written, or a {@code display} asking for a password hash, is a violation.
 */
public final class PrestaShopContract {

    public static final String RESOURCE = "/contracts/prestashop-8.json";

    /** One field of a resource as PrestaShop documents it. */
    public record Field(String name, String format, boolean required, boolean writable, boolean filterable,
            Integer maxSize, boolean i18n) {
    }

    /** An association (order_rows, …): the XML node of one element and its fields. */
    public record Association(String name, String node, List<String> fields) {
    }

    /** One webservice resource: its XML node names, allowed methods, fields and associations. */
    public record Resource(String name, String node, Set<String> methods, Map<String, Field> fields,
            Map<String, Association> associations) {

        public Optional<Field> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/api/?([^/]*)(?:/([^/]*))?/?$");
    private static final Pattern FILTER_NAME = Pattern.compile("^filter\\[([^\\]]*)]$");
    private static final Pattern FULL_DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$");
    private static final Set<String> KNOWN_PARAMETERS = Set.of("display", "sort", "limit", "date", "output_format",
            "io_format", "language", "schema", "sendemail", "id_shop", "id_group_shop", "ps_method");

    private final JsonNode facts;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Pattern filterValue;
    private final Pattern intervalBound;
    private final Pattern sort;
    private final Pattern limit;
    private final Set<String> displayNever = new LinkedHashSet<>();

    private PrestaShopContract(JsonNode facts) {
        this.facts = facts;
        facts.path("resources").fields().forEachRemaining(entry -> {
            JsonNode r = entry.getValue();
            Map<String, Field> fields = new LinkedHashMap<>();
            r.path("fields").fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                fields.put(f.getKey(), new Field(f.getKey(), v.path("format").isNull() ? null : v.path("format").asText(),
                        v.path("required").asBoolean(), v.path("writable").asBoolean(), v.path("filterable").asBoolean(),
                        v.path("maxSize").isInt() ? v.path("maxSize").asInt() : null, v.path("i18n").asBoolean()));
            });
            Map<String, Association> associations = new LinkedHashMap<>();
            r.path("associations").fields().forEachRemaining(a -> {
                List<String> names = new ArrayList<>();
                a.getValue().path("fields").forEach(n -> names.add(n.asText()));
                associations.put(a.getKey(), new Association(a.getKey(), a.getValue().path("node").asText(), List.copyOf(names)));
            });
            Set<String> methods = new LinkedHashSet<>();
            r.path("methods").forEach(m -> methods.add(m.asText()));
            resources.put(entry.getKey(), new Resource(entry.getKey(), r.path("node").asText(), Set.copyOf(methods),
                    java.util.Collections.unmodifiableMap(fields), java.util.Collections.unmodifiableMap(associations)));
        });
        filterValue = Pattern.compile(facts.path("filterValuePattern").asText());
        String bound = "";
        for (JsonNode rule : facts.path("filterGrammar")) {
            if (rule.has("boundPattern")) {
                bound = rule.path("boundPattern").asText();
            }
        }
        intervalBound = Pattern.compile(bound);
        sort = Pattern.compile(facts.path("sortPattern").asText());
        limit = Pattern.compile(facts.path("limitPattern").asText());
        facts.path("hubPolicy").path("displayNever").forEach(n -> displayNever.add(n.asText()));
    }

    private static volatile PrestaShopContract loaded;

    /** The facts file, read once per JVM. */
    public static PrestaShopContract load() {
        PrestaShopContract contract = loaded;
        if (contract == null) {
            try (InputStream in = PrestaShopContract.class.getResourceAsStream(RESOURCE)) {
                contract = new PrestaShopContract(JSON.readTree(in));
                loaded = contract;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + RESOURCE, e);
            }
        }
        return contract;
    }

    /** Where the facts come from: the documentation's commit and the code's. */
    public String source() {
        return facts.path("source").asText() + " @ " + facts.path("sourceCommit").asText() + " and "
                + facts.path("codeSource").asText();
    }

    public Map<String, Resource> resources() {
        return java.util.Collections.unmodifiableMap(resources);
    }

    public Optional<Resource> resource(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    /** The webservice's error codes with their HTTP status, as the facts list them. */
    public Map<Integer, Integer> errorStatuses() {
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        facts.path("errors").forEach(e -> statuses.put(e.path("code").asInt(), e.path("status").asInt()));
        return statuses;
    }

    /** Fields the hub never asks for in {@code display} (password hashes, secure keys). */
    public Set<String> displayNever() {
        return Set.copyOf(displayNever);
    }

    /**
     * What in this request the facts do not allow; empty when it conforms. {@code path} is the request path
     * ({@code /api/orders/5}, possibly behind a prefix ending in {@code /api}), {@code rawQuery} the raw
     * (percent-encoded) query string or null.
     */
    public List<String> violations(String method, String path, String rawQuery, String body) {
        List<String> violations = new ArrayList<>();
        int api = path.indexOf("/api");
        Matcher m = PATH.matcher(api < 0 ? path : path.substring(api));
        if (!m.matches()) {
            violations.add("not a webservice path " + method + " " + path);
            return violations;
        }
        String name = m.group(1);
        String id = m.group(2);
        if (name.isEmpty()) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                violations.add("method " + method + " is not allowed on /api/");
            }
            return violations;
        }
        Resource resource = resources.get(name);
        if (resource == null) {
            violations.add("unknown resource " + method + " /api/" + name);
            return violations;
        }
        String where = method + " /api/" + name + (id == null ? "" : "/{id}");
        if (!resource.methods().contains(method)) {
            violations.add("method " + method + " is not allowed on /api/" + name + " (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(resource.methods())) + ")");
            return violations;
        }
        if (id != null && !id.matches("\\d+")) {
            violations.add(where + ": the id must be a number, was " + id);
        }
        boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (method.equals("POST") && id != null) {
            violations.add(where + ": POST goes to the resource, not to one id");
        }
        if ((method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE")) && id == null) {
            violations.add(where + ": " + method + " names one id in the path");
        }
        violations.addAll(queryViolations(where, resource, parseQuery(rawQuery)));
        if (write) {
            violations.addAll(bodyViolations(where, method, resource, id, body));
        } else if (body != null && !body.isBlank()) {
            violations.add(where + ": takes no body");
        }
        return violations;
    }

    private List<String> queryViolations(String where, Resource resource, Map<String, String> query) {
        List<String> violations = new ArrayList<>();
        boolean date = "1".equals(query.get("date"));
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            String key = parameter.getKey();
            String value = parameter.getValue();
            Matcher filter = FILTER_NAME.matcher(key);
            if (filter.matches()) {
                violations.addAll(filterViolations(where, resource, filter.group(1), value, date));
            } else if (key.startsWith("price[")) {
                if (!resource.name().equals("products")) {
                    violations.add(where + ": price[...] applies to products only");
                }
            } else if (key.equals("ws_key")) {
                violations.add(where + ": ws_key puts the webservice key in URLs and logs; send it as HTTP Basic user");
            } else if (!KNOWN_PARAMETERS.contains(key)) {
                violations.add(where + ": unknown query parameter " + key);
            } else {
                switch (key) {
                    case "display" -> violations.addAll(displayViolations(where, resource, value));
                    case "sort" -> violations.addAll(sortViolations(where, resource, value, date));
                    case "limit" -> {
                        if (!limit.matcher(value).matches()) {
                            violations.add(where + ": limit must be n or offset,n, was " + value);
                        }
                    }
                    case "date" -> {
                        if (!value.equals("1") && !value.equals("0")) {
                            violations.add(where + ": date must be 1 or 0, was " + value);
                        }
                    }
                    case "output_format", "io_format" -> {
                        if (!value.equalsIgnoreCase("JSON") && !value.equalsIgnoreCase("XML")) {
                            violations.add(where + ": " + key + " must be JSON or XML, was " + value);
                        }
                    }
                    case "schema" -> {
                        if (!value.equals("blank") && !value.equals("synopsis")) {
                            violations.add(where + ": schema must be blank or synopsis, was " + value);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return violations;
    }

    private List<String> filterViolations(String where, Resource resource, String field, String value, boolean date) {
        List<String> violations = new ArrayList<>();
        Optional<Field> known = resource.field(field);
        if (known.isEmpty()) {
            violations.add(where + ": filter on unknown field " + field);
            return violations;
        }
        if (!known.get().filterable()) {
            violations.add(where + ": field " + field + " is not filterable");
        }
        boolean dateField = field.equals("date_add") || field.equals("date_upd");
        if (dateField && !date) {
            violations.add(where + ": a filter on " + field + " needs date=1");
        }
        if (value.isEmpty()) {
            violations.add(where + ": filter[" + field + "] is empty");
            return violations;
        }
        Matcher v = filterValue.matcher(value);
        if (!v.matches()) {
            violations.add(where + ": filter[" + field + "]=" + value + " is not in the webservice's grammar");
            return violations;
        }
        String inside = v.group(2);
        boolean plainBrackets = inside != null && v.group(1).isEmpty() && v.group(3).isEmpty();
        if (plainBrackets && inside.contains(",") && !inside.contains("|")) {
            String[] bounds = inside.split(",", -1);
            if (bounds.length != 2 || !intervalBound.matcher(bounds[0]).matches()
                    || !intervalBound.matcher(bounds[1]).matches()) {
                violations.add(where + ": filter[" + field + "]=" + value
                        + " is not an interval: bounds may hold only digits, '.', ':', '-' and spaces");
            } else if (dateField && (!FULL_DATE_TIME.matcher(bounds[0]).matches()
                    || !FULL_DATE_TIME.matcher(bounds[1]).matches())) {
                violations.add(where + ": filter[" + field + "]=" + value
                        + " needs full YYYY-MM-DD HH:MM:SS bounds (a date alone compares as midnight)");
            }
        }
        return violations;
    }

    private List<String> displayViolations(String where, Resource resource, String value) {
        List<String> violations = new ArrayList<>();
        if (value.equals("full")) {
            // a resource with a password hash (customers) is read with named fields only; orders carry a
            // secure_key too, but issue 14 reads them with display=full and the hub only never names it
            if (resource.fields().containsKey("passwd")) {
                violations.add(where + ": display=full returns " + String.join(", ", resource.fields().keySet().stream()
                        .filter(displayNever::contains).toList()) + "; name the fields needed");
            }
            return violations;
        }
        if (value.equals("minimum")) {
            return violations;
        }
        if (!value.startsWith("[") || !value.endsWith("]")) {
            violations.add(where + ": display must be full or [field,...], was " + value);
            return violations;
        }
        for (String part : splitTopLevel(value.substring(1, value.length() - 1))) {
            int bracket = part.indexOf('[');
            String name = (bracket < 0 ? part : part.substring(0, bracket)).trim();
            if (bracket >= 0) {
                Association association = resource.associations().get(name);
                if (association == null || !part.endsWith("]")) {
                    violations.add(where + ": display names unknown association " + name);
                    continue;
                }
                for (String sub : part.substring(bracket + 1, part.length() - 1).split(",")) {
                    if (!sub.equals("id") && !association.fields().contains(sub)) {
                        violations.add(where + ": display names unknown field " + name + "[" + sub + "]");
                    }
                }
            } else if (displayNever.contains(name)) {
                violations.add(where + ": display asks for " + name + ", which the hub never reads");
            } else if (!resource.fields().containsKey(name)) {
                violations.add(where + ": display names unknown field " + name);
            }
        }
        return violations;
    }

    private List<String> sortViolations(String where, Resource resource, String value, boolean date) {
        List<String> violations = new ArrayList<>();
        if (!sort.matcher(value).matches()) {
            violations.add(where + ": sort must be field_ASC|field_DESC or [field_DIR,...], was " + value);
            return violations;
        }
        for (String part : value.replace("[", "").replace("]", "").split(",")) {
            String field = part.substring(0, part.lastIndexOf('_'));
            Optional<Field> known = resource.field(field);
            if (known.isEmpty() || !known.get().filterable()) {
                violations.add(where + ": cannot sort by " + field);
            } else if ((field.equals("date_add") || field.equals("date_upd")) && !date) {
                violations.add(where + ": sorting by " + field + " needs date=1");
            }
        }
        return violations;
    }

    private List<String> bodyViolations(String where, String method, Resource resource, String id, String body) {
        List<String> violations = new ArrayList<>();
        if (body == null || body.isBlank()) {
            violations.add(where + ": needs an XML body");
            return violations;
        }
        Element root;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body))).getDocumentElement();
        } catch (Exception notXml) {
            violations.add(where + ": body is not XML (the webservice reads XML only): " + abbreviate(body));
            return violations;
        }
        if (!root.getTagName().equals("prestashop")) {
            violations.add(where + ": the XML root must be <prestashop>, was <" + root.getTagName() + ">");
            return violations;
        }
        List<Element> entities = children(root);
        if (entities.size() != 1) {
            violations.add(where + ": the hub sends one <" + resource.node() + "> per request, got " + entities.size());
        }
        for (Element entity : entities) {
            if (!entity.getTagName().equals(resource.node())) {
                violations.add(where + ": element <" + entity.getTagName() + "> is not <" + resource.node() + ">");
                continue;
            }
            Set<String> present = new LinkedHashSet<>();
            for (Element field : children(entity)) {
                String name = field.getTagName();
                present.add(name);
                if (name.equals("associations")) {
                    for (Element association : children(field)) {
                        Association known = resource.associations().get(association.getTagName());
                        if (known == null) {
                            violations.add(where + ": unknown association " + association.getTagName());
                            continue;
                        }
                        for (Element item : children(association)) {
                            for (Element sub : children(item)) {
                                if (!known.fields().contains(sub.getTagName())) {
                                    violations.add(where + ": unknown field " + known.name() + "." + sub.getTagName());
                                }
                            }
                        }
                    }
                    continue;
                }
                Optional<Field> known = resource.field(name);
                if (known.isEmpty()) {
                    violations.add(where + ": unknown field " + name);
                } else if (!known.get().writable()) {
                    violations.add(where + ": field " + name + " is not writable (400 code 93)");
                } else if (known.get().maxSize() != null && field.getTextContent().length() > known.get().maxSize()) {
                    violations.add(where + ": field " + name + " is longer than " + known.get().maxSize());
                }
            }
            String bodyId = present.contains("id") ? text(entity, "id") : "";
            if (method.equals("POST") && !bodyId.isEmpty()) {
                violations.add(where + ": id is forbidden when adding (400 code 91)");
            }
            if (!method.equals("POST")) {
                if (bodyId.isEmpty()) {
                    violations.add(where + ": id is required when modifying (400 code 90)");
                } else if (id != null && !bodyId.equals(id)) {
                    violations.add(where + ": the body's id " + bodyId + " is not the path's " + id);
                }
            }
            if (!method.equals("PATCH")) {
                for (Field field : resource.fields().values()) {
                    if (field.required() && !field.i18n() && !present.contains(field.name())) {
                        violations.add(where + ": required field " + field.name() + " is missing (400 code 41)");
                    }
                }
            }
        }
        return violations;
    }

    private static String text(Element parent, String child) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(child)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** "a,b[c,d],e" → a, b[c,d], e */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int level = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == ',' && level == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            if (c == '[') {
                level++;
            } else if (c == ']') {
                level--;
            }
            current.append(c);
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** Percent-decoded query parameters in order; a repeated name keeps its last value, as PHP's $_GET does. */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isBlank()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
