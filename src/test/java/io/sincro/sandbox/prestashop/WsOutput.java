package io.sincro.sandbox.prestashop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.contract.PrestaShopContract.Association;
import io.sincro.contract.PrestaShopContract.Field;
import io.sincro.contract.PrestaShopContract.Resource;
import java.util.List;
import java.util.Map;

/**
 * The webservice's two output formats ({@code WebserviceOutputXML}, {@code WebserviceOutputJSON}) as
 * shop-apis B4/B5 describe them: XML in a {@code <prestashop>} root with CDATA values and xlink:href on
 * foreign keys; JSON with the object id as a number and every other value a string, a list as
 * {@code {"orders":[...]}} and an empty list as a bare {@code []} (PrestaShop issues #10172, #26752),
 * a multi-language field of one language as a plain value.
 */
final class WsOutput {

    static final String XML_TYPE = "text/xml;charset=utf-8";
    static final String JSON_TYPE = "application/json;charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String XLINK = "xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
    /** Foreign keys that carry an xlink:href to their resource in XML. */
    private static final Map<String, String> LINKS = Map.ofEntries(Map.entry("id_customer", "customers"),
            Map.entry("id_address_delivery", "addresses"), Map.entry("id_address_invoice", "addresses"),
            Map.entry("id_carrier", "carriers"), Map.entry("current_state", "order_states"),
            Map.entry("id_order_state", "order_states"), Map.entry("id_order", "orders"),
            Map.entry("id_country", "countries"), Map.entry("id_currency", "currencies"),
            Map.entry("id_lang", "languages"), Map.entry("id_product", "products"),
            Map.entry("id_state", "states"), Map.entry("id_shop", "shops"));

    private final boolean json;
    private final String apiBase;
    private final int languageId;

    WsOutput(boolean json, String apiBase, int languageId) {
        this.json = json;
        this.apiBase = apiBase;
        this.languageId = languageId;
    }

    String contentType() {
        return json ? JSON_TYPE : XML_TYPE;
    }

    String list(Resource resource, List<WsRow> rows, WsQuery.Display display) {
        if (json) {
            if (rows.isEmpty()) {
                return "[]";
            }
            ObjectNode root = MAPPER.createObjectNode();
            ArrayNode items = root.putArray(resource.name());
            rows.forEach(r -> items.add(jsonRow(resource, r, display)));
            return root.toString();
        }
        StringBuilder xml = new StringBuilder(head()).append('<').append(resource.name()).append(">\n");
        for (WsRow row : rows) {
            if (display.idsOnly()) {
                xml.append('<').append(resource.node()).append(" id=\"").append(row.id()).append("\" xlink:href=\"")
                        .append(apiBase).append('/').append(resource.name()).append('/').append(row.id()).append("\"/>\n");
            } else {
                xmlRow(xml, resource, row, display);
            }
        }
        return xml.append("</").append(resource.name()).append(">\n</prestashop>\n").toString();
    }

    String single(Resource resource, WsRow row, WsQuery.Display display) {
        if (json) {
            ObjectNode root = MAPPER.createObjectNode();
            root.set(resource.node(), jsonRow(resource, row, display));
            return root.toString();
        }
        StringBuilder xml = new StringBuilder(head());
        xmlRow(xml, resource, row, display);
        return xml.append("</prestashop>\n").toString();
    }

    String errors(List<WebserviceError.Entry> errors) {
        if (json) {
            ObjectNode root = MAPPER.createObjectNode();
            ArrayNode list = root.putArray("errors");
            errors.forEach(e -> list.addObject().put("code", e.code()).put("message", e.message()));
            return root.toString();
        }
        StringBuilder xml = new StringBuilder(head()).append("<errors>\n");
        errors.forEach(e -> xml.append("<error>\n<code>").append(cdata(String.valueOf(e.code()))).append("</code>\n<message>")
                .append(cdata(e.message())).append("</message>\n</error>\n"));
        return xml.append("</errors>\n</prestashop>\n").toString();
    }

    /** GET /api/: the resources this key may use, with its methods. */
    String resources(Map<String, ? extends java.util.Collection<String>> permissions) {
        if (json) {
            ObjectNode root = MAPPER.createObjectNode();
            ObjectNode api = root.putObject("api");
            permissions.forEach((name, methods) -> {
                ObjectNode r = api.putObject(name);
                methods.forEach(m -> r.put(m.toLowerCase(java.util.Locale.ROOT), "true"));
            });
            return root.toString();
        }
        StringBuilder xml = new StringBuilder(head()).append("<api shopName=\"Sandbox PrestaShop\">\n");
        permissions.forEach((name, methods) -> {
            xml.append('<').append(name).append(" xlink:href=\"").append(apiBase).append('/').append(name).append('"');
            methods.forEach(m -> xml.append(' ').append(m.toLowerCase(java.util.Locale.ROOT)).append("=\"true\""));
            xml.append("/>\n");
        });
        return xml.append("</api>\n</prestashop>\n").toString();
    }

    // ---------------------------------------------------------------------------------------------- rows

    private ObjectNode jsonRow(Resource resource, WsRow row, WsQuery.Display display) {
        ObjectNode node = MAPPER.createObjectNode();
        for (Field field : resource.fields().values()) {
            if (!(display.idsOnly() ? field.name().equals("id") : display.shows(field.name()))) {
                continue;
            }
            if (field.name().equals("id")) {
                node.put("id", row.id());
            } else {
                node.put(field.name(), row.get(field.name()));
            }
        }
        ObjectNode associations = null;
        for (Association association : resource.associations().values()) {
            List<String> shown = shownFields(association, display);
            if (shown == null || row.association(association.name()).isEmpty()) {
                continue;
            }
            if (associations == null) {
                associations = node.putObject("associations");
            }
            ArrayNode items = associations.putArray(association.name());
            for (Map<String, String> item : row.association(association.name())) {
                ObjectNode i = items.addObject();
                shown.forEach(f -> i.put(f, item.getOrDefault(f, "")));
            }
        }
        return node;
    }

    private void xmlRow(StringBuilder xml, Resource resource, WsRow row, WsQuery.Display display) {
        xml.append('<').append(resource.node()).append(">\n");
        for (Field field : resource.fields().values()) {
            if (!display.shows(field.name())) {
                continue;
            }
            String value = row.get(field.name());
            xml.append('\t').append('<').append(field.name());
            if (!field.filterable()) {
                xml.append(" notFilterable=\"true\"");
            }
            if (field.i18n()) {
                xml.append("><language id=\"").append(languageId).append("\" xlink:href=\"").append(apiBase)
                        .append("/languages/").append(languageId).append("\">").append(cdata(value)).append("</language>");
            } else {
                String link = LINKS.get(field.name());
                if (link != null && !value.isEmpty() && !value.equals("0")) {
                    xml.append(" xlink:href=\"").append(apiBase).append('/').append(link).append('/').append(value).append('"');
                }
                xml.append('>').append(cdata(value));
            }
            xml.append("</").append(field.name()).append(">\n");
        }
        boolean opened = false;
        for (Association association : resource.associations().values()) {
            List<String> shown = shownFields(association, display);
            if (shown == null || row.association(association.name()).isEmpty()) {
                continue;
            }
            if (!opened) {
                xml.append("\t<associations>\n");
                opened = true;
            }
            xml.append("\t<").append(association.name()).append(" nodeType=\"").append(association.node())
                    .append("\" virtualEntity=\"true\">\n");
            for (Map<String, String> item : row.association(association.name())) {
                xml.append("\t<").append(association.node()).append(">\n");
                shown.forEach(f -> xml.append("\t\t<").append(f).append('>').append(cdata(item.getOrDefault(f, "")))
                        .append("</").append(f).append(">\n"));
                xml.append("\t</").append(association.node()).append(">\n");
            }
            xml.append("\t</").append(association.name()).append(">\n");
        }
        if (opened) {
            xml.append("\t</associations>\n");
        }
        xml.append("</").append(resource.node()).append(">\n");
    }

    private static List<String> shownFields(Association association, WsQuery.Display display) {
        if (display.full()) {
            return association.fields();
        }
        if (display.fields().containsKey(association.name()) && display.fields().get(association.name()) != null) {
            return display.fields().get(association.name());
        }
        return null;
    }

    private static String head() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<prestashop " + XLINK + ">\n";
    }

    private static String cdata(String value) {
        return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }
}
