-- What article filters ask of an article beyond its code, description, category, prices and stock (issue 12).

-- Whether the ERP offers the article: not cancelled (gest_annullato) nor pre-cancelled (gest_precanc).
-- Articles pulled before this column existed count as published until the next sync reads them again.
ALTER TABLE article ADD COLUMN published BOOLEAN DEFAULT TRUE NOT NULL;

-- ERP article fields kept as attributes (sincro.erp.articles.attributes), one row per non-empty value;
-- a sync that reads an article again replaces its attributes.
CREATE TABLE article_attribute (
    article_code    VARCHAR(40)  NOT NULL,
    attribute_name  VARCHAR(40)  NOT NULL,
    attribute_value VARCHAR(400) NOT NULL,
    PRIMARY KEY (article_code, attribute_name)
);

-- The parent of a lookup row, where the table is a tree: a product group's "Codice padre"
-- (gruppi-merceologici cod_grp_merc), so a filter on a category also finds its sub-categories.
ALTER TABLE erp_lookup ADD COLUMN parent_code VARCHAR(40);
