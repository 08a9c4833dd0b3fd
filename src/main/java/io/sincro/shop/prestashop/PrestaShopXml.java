package io.sincro.shop.prestashop;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The XML the webservice reads (shop-apis B4): {@code <prestashop><resource>…</resource></prestashop>},
 * values without formatting whitespace, multi-language fields as {@code <language id="n">}. New documents
 * are built with {@link Builder}; a resource read from the shop is changed in place ({@link Resource}) so
 * that what the hub does not touch — other languages, associations — goes back as it came, less the fields
 * the webservice refuses to be sent.
 */
final class PrestaShopXml {

    private static final String XLINK = "http://www.w3.org/1999/xlink";

    private PrestaShopXml() {
    }

    static Builder of(String element) {
        return new Builder(element);
    }

    /** A new resource, field by field, in order. */
    static final class Builder {
        private final String element;
        private final StringBuilder fields = new StringBuilder();

        private Builder(String element) {
            this.element = element;
        }

        Builder field(String name, Object value) {
            if (value != null) {
                fields.append('<').append(name).append('>').append(escape(String.valueOf(value)))
                        .append("</").append(name).append('>');
            }
            return this;
        }

        Builder language(String name, int languageId, String value) {
            if (value != null) {
                fields.append('<').append(name).append("><language id=\"").append(languageId).append("\">")
                        .append(escape(value)).append("</language></").append(name).append('>');
            }
            return this;
        }

        /** Already-built XML (associations). */
        Builder raw(String xml) {
            fields.append(xml);
            return this;
        }

        @Override
        public String toString() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><prestashop xmlns:xlink=\"" + XLINK + "\"><" + element + ">"
                    + fields + "</" + element + "></prestashop>";
        }
    }

    /** A resource as the shop sent it, to be changed and sent back whole. */
    static final class Resource {
        private final Document document;
        private final Element resource;

        private Resource(Document document, Element resource) {
            this.document = document;
            this.resource = resource;
        }

        /** Parses the shop's XML; no DTD, no external entities (the answer comes from outside). */
        static Resource parse(String xml, String element) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setXIncludeAware(false);
                factory.setExpandEntityReferences(false);
                factory.setNamespaceAware(true);
                factory.setCoalescing(true); // CDATA as plain text: it goes back escaped
                Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
                dropFormatting(document.getDocumentElement());
                NodeList found = document.getElementsByTagName(element);
                if (found.getLength() == 0) {
                    throw new IllegalArgumentException("the shop's answer has no <" + element + ">");
                }
                return new Resource(document, (Element) found.item(0));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException("the shop's answer is not the XML of a " + element, e);
            }
        }

        /** The text of a direct field, or null. */
        String get(String field) {
            Element child = child(field);
            return child == null ? null : child.getTextContent().trim();
        }

        /** Sets a direct field (created at the end when the resource lacks it). */
        Resource set(String field, Object value) {
            Element child = child(field);
            if (child == null) {
                child = document.createElement(field);
                resource.appendChild(child);
            }
            clear(child);
            child.appendChild(document.createTextNode(String.valueOf(value)));
            return this;
        }

        /** Sets one language of a multi-language field, leaving the others as they are. */
        Resource setLanguage(String field, int languageId, String value) {
            Element child = child(field);
            if (child == null) {
                child = document.createElement(field);
                resource.appendChild(child);
            }
            Element language = null;
            NodeList languages = child.getElementsByTagName("language");
            for (int i = 0; i < languages.getLength(); i++) {
                Element candidate = (Element) languages.item(i);
                if (String.valueOf(languageId).equals(candidate.getAttribute("id"))) {
                    language = candidate;
                }
            }
            if (language == null) {
                language = document.createElement("language");
                language.setAttribute("id", String.valueOf(languageId));
                child.appendChild(language);
            }
            clear(language);
            language.appendChild(document.createTextNode(value));
            return this;
        }

        boolean has(String field) {
            return child(field) != null;
        }

        /** Drops direct fields the webservice does not take back (it answers 400 code 93 "not writable"). */
        Resource remove(Set<String> fields) {
            for (String field : fields) {
                Element child = child(field);
                if (child != null) {
                    resource.removeChild(child);
                }
            }
            return this;
        }

        @Override
        public String toString() {
            try {
                var transformer = TransformerFactory.newInstance().newTransformer();
                transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
                transformer.setOutputProperty(OutputKeys.INDENT, "no");
                StringWriter out = new StringWriter();
                transformer.transform(new DOMSource(document), new StreamResult(out));
                return out.toString();
            } catch (Exception e) {
                throw new IllegalStateException("cannot write the resource's XML", e);
            }
        }

        private Element child(String field) {
            for (Node node = resource.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && field.equals(element.getLocalName() != null
                        ? element.getLocalName() : element.getTagName())) {
                    return element;
                }
            }
            return null;
        }

        /** The indentation between elements: the webservice wants no formatting whitespace in what it reads. */
        private static void dropFormatting(Node node) {
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNextSibling();
                if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()
                        && (child.getNextSibling() != null || child.getPreviousSibling() != null)) {
                    node.removeChild(child);
                } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                    dropFormatting(child);
                }
                child = next;
            }
        }

        private static void clear(Element element) {
            while (element.getFirstChild() != null) {
                element.removeChild(element.getFirstChild());
            }
        }
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
