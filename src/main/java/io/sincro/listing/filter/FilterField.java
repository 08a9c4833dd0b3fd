package io.sincro.listing.filter;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** The fields a filter can name, with their type and their Italian aliases. */
enum FilterField {
    CODE("code", Type.TEXT, Index.NONE),
    DESCRIPTION("description", Type.TEXT, Index.NONE),
    CATEGORY("category", Type.TEXT, Index.NONE),
    PRIMARY_CATEGORY("primaryCategory", Type.TEXT, Index.NONE),
    PUBLISHED("published", Type.BOOLEAN, Index.NONE),
    OFFER("offer", Type.BOOLEAN, Index.NONE),
    NEW("new", Type.BOOLEAN, Index.NONE),
    END_OF_SERIES("endOfSeries", Type.BOOLEAN, Index.NONE),
    AVAILABLE("available", Type.NUMBER, Index.WAREHOUSE),
    PRICE("price", Type.NUMBER, Index.PRICE_LIST),
    ATTRIBUTE("attribute", Type.TEXT, Index.NAME);

    enum Type {
        TEXT("text", "=, !=, contains, starts with, in or is empty"),
        NUMBER("number", "=, !=, <, <=, >, >=, between or in"),
        BOOLEAN("true/false", "= or !=");

        final String label;
        final String operators;

        Type(String label, String operators) {
            this.label = label;
            this.operators = operators;
        }

        boolean allows(FilterOperator op) {
            return switch (this) {
                case TEXT -> switch (op) {
                    case EQ, NE, CONTAINS, STARTS_WITH, IN, EMPTY, NOT_EMPTY -> true;
                    default -> false;
                };
                case NUMBER -> switch (op) {
                    case EQ, NE, LT, LE, GT, GE, BETWEEN, IN -> true;
                    default -> false;
                };
                case BOOLEAN -> op == FilterOperator.EQ || op == FilterOperator.NE;
            };
        }
    }

    /** What goes between the brackets of an indexed field. */
    enum Index {
        NONE(null), WAREHOUSE("a warehouse number"), PRICE_LIST("a price list number"), NAME("an attribute name in quotes");

        final String what;

        Index(String what) {
            this.what = what;
        }
    }

    static final String LIST = "code, description, category, primaryCategory, published, offer, new, endOfSeries, "
            + "available[warehouse], price[priceList], attribute[\"name\"]";

    private static final Map<String, FilterField> BY_WORD = Map.ofEntries(
            Map.entry("code", CODE), Map.entry("codice", CODE),
            Map.entry("description", DESCRIPTION), Map.entry("descrizione", DESCRIPTION),
            Map.entry("category", CATEGORY), Map.entry("categoria", CATEGORY),
            Map.entry("primarycategory", PRIMARY_CATEGORY), Map.entry("categoriaprincipale", PRIMARY_CATEGORY),
            Map.entry("published", PUBLISHED), Map.entry("pubblicato", PUBLISHED),
            Map.entry("offer", OFFER), Map.entry("offerta", OFFER),
            Map.entry("new", NEW), Map.entry("novita", NEW), Map.entry("novità", NEW),
            Map.entry("endofseries", END_OF_SERIES), Map.entry("fineserie", END_OF_SERIES),
            Map.entry("available", AVAILABLE), Map.entry("disponibile", AVAILABLE),
            Map.entry("disponibilita", AVAILABLE), Map.entry("disponibilità", AVAILABLE),
            Map.entry("price", PRICE), Map.entry("prezzo", PRICE),
            Map.entry("attribute", ATTRIBUTE), Map.entry("attributo", ATTRIBUTE));

    final String name;
    final Type type;
    final Index index;

    FilterField(String name, Type type, Index index) {
        this.name = name;
        this.type = type;
        this.index = index;
    }

    static FilterField byWord(String word) {
        return BY_WORD.get(word.toLowerCase(Locale.ROOT));
    }

    /** A field as a condition names it: the field and, for indexed fields, its warehouse, list or name. */
    record Ref(FilterField field, int number, String name) {

        String text(ArticleFacts article) {
            return switch (field) {
                case CODE -> article.code();
                case DESCRIPTION -> article.description();
                case CATEGORY -> article.category();
                case PRIMARY_CATEGORY -> article.primaryCategory();
                case ATTRIBUTE -> article.attribute(name);
                default -> throw new IllegalStateException(field + " is not a text field");
            };
        }

        BigDecimal number(ArticleFacts article) {
            return switch (field) {
                case AVAILABLE -> article.available(number);
                case PRICE -> article.price(number);
                default -> throw new IllegalStateException(field + " is not a number field");
            };
        }

        boolean flag(ArticleFacts article) {
            return switch (field) {
                case PUBLISHED -> article.published();
                case OFFER -> article.offer();
                case NEW -> article.isNew();
                case END_OF_SERIES -> article.endOfSeries();
                default -> throw new IllegalStateException(field + " is not a true/false field");
            };
        }

        /** The name {@link ArticleFilter#fieldsUsed()} reports: attributes by name, indexed fields without index. */
        String used() {
            return field == ATTRIBUTE ? "attribute:" + name : field.name;
        }

        @Override
        public String toString() {
            return switch (field.index) {
                case NONE -> field.name;
                case WAREHOUSE, PRICE_LIST -> field.name + "[" + number + "]";
                case NAME -> field.name + "[" + FilterNode.quote(name) + "]";
            };
        }
    }
}
