package io.sincro.listing;

import io.sincro.listing.filter.ArticleFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a listing sends of an article besides price and quantity: the listed fields and the description.
 * Its hash is kept on the item when published, as {@code method/content}: the first part changes when the
 * listing's description or methods change (a full MODIFY of every item, when the revise rule asks), the
 * second when the article's listed content changes (a MODIFY when the sales rule's update action asks).
 */
final class ListedContent {

    private ListedContent() {
    }

    /** The listed fields with their values, in the listing's order, and the description as sent. */
    static Map<String, Object> of(Listing listing, ArticleFacts article) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String field : listing.fields()) {
            content.put(field, value(field, article));
        }
        content.put("description", description(listing, article));
        return content;
    }

    static String value(String field, ArticleFacts article) {
        if (field.startsWith("attribute:")) {
            return article.attribute(field.substring("attribute:".length()));
        }
        return switch (field) {
            case "code" -> article.code();
            case "description" -> article.description();
            case "category" -> article.category();
            case "primaryCategory" -> article.primaryCategory();
            default -> null;
        };
    }

    private static String description(Listing listing, ArticleFacts article) {
        String template = listing.description();
        if (template == null || template.isBlank()) {
            return article.description();
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, open);
            String value = value(template.substring(open + 1, close), article);
            out.append(value == null ? "" : value);
            at = close + 1;
        }
        return out.toString();
    }

    /** The hash of the listing's description and methods: the "method" half. */
    static String methodHash(Listing listing) {
        return sha256(String.join("\u0001", String.valueOf(listing.fields()), String.valueOf(listing.description()),
                String.valueOf(listing.warehouses()), String.valueOf(listing.quantity()),
                String.valueOf(listing.price()))).substring(0, 16);
    }

    static String hash(Listing listing, Map<String, Object> content) {
        return methodHash(listing) + "/" + sha256(String.valueOf(content)).substring(0, 32);
    }

    static String methodPart(String hash) {
        return hash == null || hash.indexOf('/') < 0 ? null : hash.substring(0, hash.indexOf('/'));
    }

    static String contentPart(String hash) {
        return hash == null || hash.indexOf('/') < 0 ? null : hash.substring(hash.indexOf('/') + 1);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
