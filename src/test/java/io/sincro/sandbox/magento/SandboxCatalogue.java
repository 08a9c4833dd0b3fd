package io.sincro.sandbox.magento;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sandbox shop's catalogue: an Italian coffee shop. 35 simple products, 4 configurable products
 * whose 10 children are simple products the ERP knows too, and 5 products the shop sells but the
 * ERP has never heard of. Prices are net (excluding VAT), in EUR; VAT rates are Italian: 22% for
 * goods, 10% for food, 4% for books.
 */
final class SandboxCatalogue {

    /** A sellable simple product. */
    record Product(int productId, String sku, String name, BigDecimal vatRate, BigDecimal price, BigDecimal weight) {
        SandboxShop.CatalogueItem item() {
            return new SandboxShop.CatalogueItem(sku, name, vatRate, price);
        }
    }

    /** One child of a configurable, with the value of the configurable attribute that selects it. */
    record Variant(Product child, int optionValue) {
    }

    /** A configurable product; an order shows its parent row with the chosen child's SKU. */
    record Configurable(int productId, String sku, String name, String optionId, List<Variant> variants) {
    }

    private static final List<Product> SIMPLES = List.of(
            product(1, "CAF-ESP-250", "Caffè espresso in grani 250 g", 22, "7.30", "0.25"),
            product(2, "CAF-ESP-1000", "Caffè espresso in grani 1 kg", 22, "22.95", "1.00"),
            product(3, "CAF-MOK-250", "Caffè macinato per moka 250 g", 22, "4.84", "0.25"),
            product(4, "CAF-DEK-250", "Caffè decaffeinato macinato 250 g", 22, "5.66", "0.25"),
            product(5, "CAF-ARA-500", "Caffè 100% arabica in grani 500 g", 22, "12.21", "0.50"),
            product(6, "CAF-CAP-50", "Capsule compatibili espresso, 50 pezzi", 22, "11.48", "0.40"),
            product(7, "CAF-CIA-150", "Cialde ESE 44 mm, 150 pezzi", 22, "27.05", "1.10"),
            product(8, "TAZ-CER-01", "Tazzina da caffè in ceramica", 22, "3.20", "0.12"),
            product(9, "TAZ-CER-06", "Set 6 tazzine in ceramica con piattino", 22, "18.03", "0.90"),
            product(10, "TAZ-CAP-01", "Tazza da cappuccino", 22, "5.74", "0.30"),
            product(11, "TAZ-MUG-01", "Mug in gres 350 ml", 22, "8.11", "0.40"),
            product(12, "MOK-ALU-3", "Moka in alluminio 3 tazze", 22, "20.41", "0.45"),
            product(13, "MOK-ALU-6", "Moka in alluminio 6 tazze", 22, "27.46", "0.65"),
            product(14, "MOK-INO-4", "Moka in acciaio inox 4 tazze", 22, "36.07", "0.70"),
            product(15, "GUA-MOK-3", "Guarnizioni per moka 3 tazze, 3 pezzi", 22, "2.46", "0.02"),
            product(16, "FIL-MOK-3", "Filtro di ricambio per moka 3 tazze", 22, "3.28", "0.03"),
            product(17, "MAC-ELE-01", "Macinacaffè elettrico a macine", 22, "49.18", "1.60"),
            product(18, "LAT-MON-01", "Montalatte manuale inox", 22, "15.57", "0.35"),
            product(19, "LAT-ELE-01", "Montalatte elettrico", 22, "40.16", "0.90"),
            product(20, "DEC-ANT-01", "Decalcificante per macchine da caffè", 22, "8.11", "0.55"),
            product(21, "PUL-MAC-01", "Pastiglie di pulizia, 10 pezzi", 22, "6.48", "0.05"),
            product(22, "BIC-VET-06", "Bicchierini in vetro, 6 pezzi", 22, "9.75", "0.60"),
            product(23, "CUC-INO-12", "Cucchiaini da caffè inox, 12 pezzi", 22, "12.70", "0.25"),
            product(24, "BIS-CAN-250", "Cantucci toscani 250 g", 10, "4.45", "0.25"),
            product(25, "BIS-AMA-200", "Amaretti morbidi 200 g", 10, "5.36", "0.20"),
            product(26, "CIO-FON-100", "Cioccolato fondente 70% 100 g", 10, "2.55", "0.10"),
            product(27, "CIO-GIA-150", "Gianduiotti 150 g", 10, "6.36", "0.15"),
            product(28, "ZUC-CAN-500", "Zucchero di canna 500 g", 10, "1.73", "0.50"),
            product(29, "ZUC-BUS-100", "Zucchero in bustine, 100 pezzi", 10, "3.18", "0.50"),
            product(30, "TE-NER-20", "Tè nero, 20 filtri", 10, "2.73", "0.05"),
            product(31, "TE-VER-20", "Tè verde, 20 filtri", 10, "2.73", "0.05"),
            product(32, "TIS-CAM-20", "Camomilla, 20 filtri", 10, "2.27", "0.04"),
            product(33, "ORZ-SOL-120", "Orzo solubile 120 g", 10, "3.55", "0.15"),
            product(34, "LIB-BAR-01", "Libro: Il manuale del barista", 4, "18.27", "0.45"),
            product(35, "LIB-CAF-02", "Libro: Storia del caffè in Italia", 4, "14.42", "0.40"));

    private static final List<Configurable> CONFIGURABLES = List.of(
            configurable(101, "TSH-CAF", "T-shirt Amo il caffè", "141",
                    variant(41, "TSH-CAF-S", "T-shirt Amo il caffè-S", "16.39", 167),
                    variant(42, "TSH-CAF-M", "T-shirt Amo il caffè-M", "16.39", 168),
                    variant(43, "TSH-CAF-L", "T-shirt Amo il caffè-L", "16.39", 169)),
            configurable(102, "GRE-BAR", "Grembiule da barista", "93",
                    variant(44, "GRE-BAR-NER", "Grembiule da barista-Nero", "20.49", 49),
                    variant(45, "GRE-BAR-MAR", "Grembiule da barista-Marrone", "20.49", 50)),
            configurable(103, "MAC-MAN", "Macinino manuale", "93",
                    variant(46, "MAC-MAN-ACC", "Macinino manuale-Acciaio", "32.79", 51),
                    variant(47, "MAC-MAN-LEG", "Macinino manuale-Legno", "32.79", 52)),
            configurable(104, "TAZ-COL", "Tazza colorata", "93",
                    variant(48, "TAZ-COL-ROS", "Tazza colorata-Rosso", "6.56", 53),
                    variant(49, "TAZ-COL-BLU", "Tazza colorata-Blu", "6.56", 54),
                    variant(50, "TAZ-COL-VER", "Tazza colorata-Verde", "6.56", 55)));

    private static final List<Product> UNKNOWN = List.of(
            product(501, "NEW-GADGET-01", "Termometro digitale per latte", 22, "13.93", "0.08"),
            product(502, "CAF-LIM-ED24", "Caffè edizione limitata 2024 250 g", 22, "9.84", "0.25"),
            product(503, "BUN-NATALE-01", "Confezione regalo Natale", 22, "32.79", "1.50"),
            product(504, "TAZ-ART-99", "Tazza d'artista dipinta a mano", 22, "24.59", "0.35"),
            product(505, "BIS-ART-300", "Biscotti artigianali al caffè 300 g", 10, "6.82", "0.30"));

    private SandboxCatalogue() {
    }

    /** The simple products sold on their own. */
    static List<Product> simples() {
        return SIMPLES;
    }

    static List<Configurable> configurables() {
        return CONFIGURABLES;
    }

    /** Products the shop sells and the ERP does not know. */
    static List<Product> unknown() {
        return UNKNOWN;
    }

    /** What the ERP knows: the simple products and every configurable child. */
    static List<SandboxShop.CatalogueItem> catalogue() {
        List<SandboxShop.CatalogueItem> items = new ArrayList<>();
        SIMPLES.forEach(product -> items.add(product.item()));
        CONFIGURABLES.stream().flatMap(c -> c.variants().stream()).forEach(v -> items.add(v.child().item()));
        return List.copyOf(items);
    }

    static List<String> unknownSkus() {
        return UNKNOWN.stream().map(Product::sku).toList();
    }

    private static Product product(int id, String sku, String name, int vatRate, String price, String weight) {
        return new Product(id, sku, name, BigDecimal.valueOf(vatRate), new BigDecimal(price), new BigDecimal(weight));
    }

    private static Variant variant(int id, String sku, String name, String price, int optionValue) {
        return new Variant(product(id, sku, name, 22, price, "0.30"), optionValue);
    }

    private static Configurable configurable(int id, String sku, String name, String optionId, Variant... variants) {
        return new Configurable(id, sku, name, optionId, Stream.of(variants).toList());
    }
}
