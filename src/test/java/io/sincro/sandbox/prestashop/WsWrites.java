package io.sincro.sandbox.prestashop;

import io.sincro.contract.PrestaShopContract.Field;
import io.sincro.contract.PrestaShopContract.Resource;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * POST, PUT and PATCH of an XML body, as {@code WebserviceRequest::saveEntityFromXml} does them: the id
 * forbidden on POST (91) and required on PUT/PATCH (89, 90, 92); a field that cannot be written is 93; a
 * required field absent is 41 (not on PATCH); PUT sets every other absent field to empty, PATCH touches only
 * the fields sent; values are validated by their documented format (85); an unknown association is 86.
 * Fields the resource does not have are ignored, as PrestaShop ignores them.
 */
final class WsWrites {

    /** One entity of the body: the fields sent, and the associations sent (name → items). */
    record Entity(Map<String, String> fields, Map<String, List<Map<String, String>>> associations) {
    }

    private static final Map<String, Pattern> FORMATS = Map.ofEntries(
            Map.entry("isUnsignedId", Pattern.compile("^\\d{1,10}$")),
            Map.entry("isNullOrUnsignedId", Pattern.compile("^\\d{0,10}$")),
            Map.entry("isUnsignedInt", Pattern.compile("^\\d{1,10}$")),
            Map.entry("isInt", Pattern.compile("^-?\\d{1,10}$")),
            Map.entry("isBool", Pattern.compile("^[01]$")),
            Map.entry("isPrice", Pattern.compile("^\\d{1,10}(\\.\\d{1,9})?$")),
            Map.entry("isNegativePrice", Pattern.compile("^-?\\d{1,10}(\\.\\d{1,9})?$")),
            Map.entry("isFloat", Pattern.compile("^-?\\d+(\\.\\d+)?$")),
            Map.entry("isUnsignedFloat", Pattern.compile("^\\d+(\\.\\d+)?$")),
            Map.entry("isDate", Pattern.compile("^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?$")),
            Map.entry("isTrackingNumber", Pattern.compile("^[~:#,%&_=()\\[\\].? +\\-@/a-zA-Z0-9]+$")),
            Map.entry("isEmail", Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")),
            Map.entry("isReference", Pattern.compile("^[^<>;={}]*$")));

    private WsWrites() {
    }

    /** The entities of a body ({@code <prestashop><order_history>…</order_history></prestashop>}); 500 code 127 if not XML. */
    static List<Entity> parse(String body) {
        String xml = body.startsWith("xml=") ? body.substring(4) : body; // the dispatcher strips a leading xml=
        Element root;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw WebserviceError.of(500, 127, "XML error : " + e.getMessage() + "\nXML length : " + xml.length()
                    + "\nOriginal XML : " + xml);
        }
        List<Entity> entities = new ArrayList<>();
        for (Element entity : children(root)) {
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, List<Map<String, String>>> associations = new LinkedHashMap<>();
            for (Element field : children(entity)) {
                if (field.getTagName().equals("associations")) {
                    for (Element association : children(field)) {
                        List<Map<String, String>> items = new ArrayList<>();
                        for (Element item : children(association)) {
                            Map<String, String> values = new LinkedHashMap<>();
                            children(item).forEach(v -> values.put(v.getTagName(), v.getTextContent()));
                            items.add(values);
                        }
                        associations.put(association.getTagName(), items);
                    }
                } else {
                    List<Element> languages = children(field);
                    // a multi-language field: the shop keeps one language, the first given
                    fields.put(field.getTagName(), languages.isEmpty() ? field.getTextContent() : languages.get(0).getTextContent());
                }
            }
            entities.add(new Entity(fields, associations));
        }
        return entities;
    }

    /** Checks the ids of the body for the method (89, 90, 91). */
    static void checkIds(String method, List<Entity> entities) {
        List<String> ids = new ArrayList<>();
        entities.forEach(e -> {
            String id = e.fields().getOrDefault("id", "").trim();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        });
        if (method.equals("PUT") || method.equals("PATCH")) {
            if (new LinkedHashSet<>(ids).size() != ids.size()) {
                throw WebserviceError.of(400, 89, "id is duplicate in request");
            }
            if (ids.size() != entities.size()) {
                throw WebserviceError.of(400, 90, "id is required when modifying a resource");
            }
        } else if (!ids.isEmpty()) {
            throw WebserviceError.of(400, 91, "id is forbidden when adding a new resource");
        }
    }

    /** The row after the write: {@code existing} is null on POST. Nothing is stored here. */
    static WsRow apply(Resource resource, String method, WsRow existing, Entity entity) {
        WsRow row = existing == null ? new WsRow() : existing.copy();
        for (Field field : resource.fields().values()) {
            String name = field.name();
            if (name.equals("id")) {
                continue;
            }
            boolean sent = entity.fields().containsKey(name);
            if (method.equals("PATCH") && !sent) {
                continue;
            }
            if (sent) {
                if (!field.writable()) {
                    throw WebserviceError.of(400, 93, "parameter \"" + name + "\" not writable. Please remove this attribute of this XML");
                }
                row.set(name, entity.fields().get(name).trim());
            } else if (field.required() && !field.i18n()) {
                throw WebserviceError.of(400, 41, "parameter \"" + name + "\" required");
            } else if (field.writable()) {
                row.set(name, "");
            }
        }
        for (Field field : resource.fields().values()) {
            String value = row.get(field.name());
            if (field.name().equals("id") || value.isEmpty() && !field.required()) {
                continue;
            }
            Pattern format = field.format() == null ? null : FORMATS.get(field.format());
            boolean invalid = format != null && !format.matcher(value).matches()
                    || field.maxSize() != null && value.length() > field.maxSize()
                    || field.required() && value.isEmpty();
            if (invalid) {
                throw WebserviceError.of(400, field.i18n() ? 84 : 85, "Validation error: \"Property " + className(resource)
                        + "->" + field.name() + " is not valid\"");
            }
        }
        for (Map.Entry<String, List<Map<String, String>>> association : entity.associations().entrySet()) {
            if (!resource.associations().containsKey(association.getKey())) {
                if (association.getKey().equals("i18n")) {
                    continue;
                }
                throw WebserviceError.of(400, 86, "The association \"" + association.getKey() + "\" does not exists");
            }
            row.association(association.getKey(), association.getValue());
        }
        return row;
    }

    /** order_carrier → OrderCarrier, as the messages name the class. */
    static String className(Resource resource) {
        StringBuilder out = new StringBuilder();
        for (String part : resource.node().split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
