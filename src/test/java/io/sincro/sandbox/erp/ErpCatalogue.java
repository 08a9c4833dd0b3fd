package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A generated catalogue of articles {@code GEN000001…GEN<count>} for volume tests: each record, and the article's
 * progressive for warehouse 1, is computed from its index when asked for, so the catalogue costs a counter and a
 * stamp, not an object per article. Codes have a fixed width, so their order is the order of their indexes.
 */
final class ErpCatalogue {

    static final String PREFIX = "GEN";
    static final int MAX = 999_999;
    /** The gruppi-merceologici codes the generated articles are spread over (see {@link ErpLookups}). */
    static final List<String> GROUPS = List.of("CAF", "BEV", "ALI", "ACC", "PUL");

    private final int count;
    private final String stamp;

    ErpCatalogue(int count, String stamp) {
        if (count < 0 || count > MAX) {
            throw new IllegalArgumentException("between 0 and " + MAX + " generated articles");
        }
        this.count = count;
        this.stamp = stamp;
    }

    int count() {
        return count;
    }

    static String code(int index) {
        return String.format("%s%06d", PREFIX, index);
    }

    /** The index of a generated code, 0 when the code is not one of this catalogue. */
    int indexOf(String code) {
        if (code == null || code.length() != PREFIX.length() + 6 || !code.startsWith(PREFIX)) {
            return 0;
        }
        String digits = code.substring(PREFIX.length());
        if (!digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int index = Integer.parseInt(digits);
        return index >= 1 && index <= count ? index : 0;
    }

    /** The first index whose code sorts after {@code after} (1 when null); {@code count + 1} when none. */
    int firstAfter(String after) {
        if (after == null) {
            return 1;
        }
        int low = 1;
        int high = count + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (code(middle).compareTo(after) > 0) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    String description(int index) {
        return "Articolo generato " + index + " (" + GROUPS.get(index % GROUPS.size()) + ")";
    }

    /** The article record, its fields already in the order of the articoli self-description. */
    ObjectNode article(int index) {
        BigDecimal price = BigDecimal.valueOf(100 + index % 9_900L, 2);
        ObjectNode article = ErpJson.object().put("codice", code(index)).put("descrizione", description(index))
                .put("alq_iva", "22").put("um_principale", "PZ").put("dt_creazione", stamp.substring(0, 8));
        article.putArray("prz_listino").add(ErpJson.array().add(1).add(ErpValues.decimalNode(price)))
                .add(ErpJson.array().add(2).add(ErpValues.decimalNode(price.multiply(BigDecimal.valueOf(0.9))
                        .setScale(2, java.math.RoundingMode.HALF_UP))));
        article.put("cod_grp_merc", GROUPS.get(index % GROUPS.size())).put("data_ult_mod", stamp);
        return article;
    }

    /**
     * The progressive of the article in warehouse 1 (fields in the order of the self-description): an inventory
     * of {@code index % 50}, nothing moved yet.
     */
    ObjectNode progressive(int index) {
        ObjectNode progressive = ErpJson.object().put("cod_articolo", code(index))
                .put("descr_articolo", description(index)).put("id_magazzino", 1).put("um_principale", "PZ");
        progressive.set("qta_inventario", ErpValues.decimalNode(BigDecimal.valueOf(index % 50)));
        progressive.set("qta_carico", ErpValues.decimalNode(BigDecimal.ZERO));
        progressive.set("qta_scarico", ErpValues.decimalNode(BigDecimal.ZERO));
        progressive.set("qta_ord_for", ErpValues.decimalNode(BigDecimal.ZERO));
        progressive.set("qta_ord_dimp", ErpValues.decimalNode(BigDecimal.ZERO));
        progressive.put("dt_mod_ult_doc", stamp);
        return progressive;
    }
}
