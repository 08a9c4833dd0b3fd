package io.sincro.erp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which fields of the ERP's article record ({@code articoli}) the hub keeps as attributes, for article
 * filters ({@code attribute["cod_natura"] = "..."}). Each must be a field of the WebAPI's description of
 * {@code articoli}; array fields are not kept.
 *
 * @param attributes the field names, e.g. {@code tipologia,cod_natura,cod_alternativo}
 */
@ConfigurationProperties("sincro.erp.articles")
public record ErpArticleProperties(List<String> attributes) {

    /** Scalar article fields a merchant is likely to filter on; see docs/assumptions.md. */
    public static final List<String> DEFAULT_ATTRIBUTES = List.of("tipologia", "cod_natura", "cod_alternativo",
            "cod_cat_web", "sigla_cat_sta", "nr_cat_sta");

    public ErpArticleProperties {
        attributes = attributes == null ? DEFAULT_ATTRIBUTES
                : attributes.stream().map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
    }
}
