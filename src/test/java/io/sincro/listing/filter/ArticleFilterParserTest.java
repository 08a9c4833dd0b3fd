package io.sincro.listing.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter language as a table: valid filters with the articles of a fixed catalogue they match (and,
 * for some, the tree they give), invalid ones with the exact position and message of the error.
 */
class ArticleFilterParserTest {

    /** Categories: BEV > VIN > ROS, and CAF on its own. */
    private static final List<ArticleFacts> CATALOGUE = List.of(
            article("CAF-001", "Caffè Arabica in grani", "CAF", List.of("CAF"), Map.of(1, "10", 2, "0"), true,
                    Map.of(1, "12.50"), true, false, false, Map.of("colour", "Nero", "brand", "Lavazza")),
            article("VIN-ROSSO", "Vino rosso Barolo", "ROS", List.of("BEV", "VIN", "ROS"), Map.of(1, "0"), true,
                    Map.of(1, "30", 2, "25"), false, true, false, Map.of("colour", "Rosso")),
            article("BEV-ACQ", "Acqua minerale l'Oro", "BEV", List.of("BEV"), Map.of(1, "100"), false,
                    Map.of(1, "0.5"), false, false, true, Map.of()),
            article("ACC-TAZ", "Tazzina \"Espresso\"", null, List.of(), Map.of(), true, Map.of(), false, false,
                    false, Map.of("colour", "")),
            article("VIN-BIANCO", "Vino bianco", "VIN", List.of("BEV", "VIN"), Map.of(1, "5.5", 2, "3"), true,
                    Map.of(1, "9.90"), false, false, true, Map.of()));

    static Stream<Arguments> validFilters() {
        return Stream.of(
                valid("", "ACC-TAZ BEV-ACQ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("   ", "ACC-TAZ BEV-ACQ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("code = \"CAF-001\"", "CAF-001"),
                valid("CODE = 'caf-001'", "CAF-001"),
                valid("code != 'CAF-001'", "ACC-TAZ BEV-ACQ VIN-BIANCO VIN-ROSSO"),
                valid("code starts with 'vin-'", "VIN-BIANCO VIN-ROSSO"),
                valid("codice inizia con 'VIN'", "VIN-BIANCO VIN-ROSSO"),
                valid("description contains 'VINO'", "VIN-BIANCO VIN-ROSSO"),
                valid("descrizione contiene \"l'oro\"", "BEV-ACQ"),
                valid("description contains '\"Espresso\"'", "ACC-TAZ"),
                valid("description = 'acqua minerale l''oro'", "BEV-ACQ"),
                valid("code in ('CAF-001', 'bev-acq', 'NONE')", "BEV-ACQ CAF-001"),
                valid("category = 'BEV'", "BEV-ACQ VIN-BIANCO VIN-ROSSO"),
                valid("category = 'vin'", "VIN-BIANCO VIN-ROSSO"),
                valid("category != 'BEV'", "ACC-TAZ CAF-001"),
                valid("category in ('ROS', 'CAF')", "CAF-001 VIN-ROSSO"),
                valid("category is empty", "ACC-TAZ"),
                valid("categoria non vuoto", "BEV-ACQ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("primaryCategory = 'BEV'", "BEV-ACQ"),
                valid("available[1] > 0", "BEV-ACQ CAF-001 VIN-BIANCO"),
                valid("available[2] >= 3", "VIN-BIANCO"),
                valid("available[3] = 0", "ACC-TAZ BEV-ACQ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("available[1] between 5 and 10", "CAF-001 VIN-BIANCO"),
                valid("disponibile[1] tra 5.5 e 5.5", "VIN-BIANCO"),
                valid("available[1] in (0, 100)", "ACC-TAZ BEV-ACQ VIN-ROSSO"),
                valid("price[1] < 10", "BEV-ACQ VIN-BIANCO"),
                valid("price[1] <= 12.5", "BEV-ACQ CAF-001 VIN-BIANCO"),
                valid("price[2] = 25.00", "VIN-ROSSO"),
                valid("price[2] != 25", "ACC-TAZ BEV-ACQ CAF-001 VIN-BIANCO"),
                valid("price[1] ≥ 30", "VIN-ROSSO"),
                valid("published", "ACC-TAZ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("published = false", "BEV-ACQ"),
                valid("NOT published", "BEV-ACQ"),
                valid("offer = true or new", "CAF-001 VIN-ROSSO"),
                valid("endOfSeries != false", "BEV-ACQ VIN-BIANCO"),
                valid("attribute[\"colour\"] = 'rosso'", "VIN-ROSSO"),
                valid("attribute['COLOUR'] is empty", "ACC-TAZ BEV-ACQ VIN-BIANCO"),
                valid("attribute['brand'] is not empty", "CAF-001"),
                valid("category = 'BEV' and available[1] > 0 and not endOfSeries", ""),
                valid("category = 'BEV' AND (available[1] > 0 OR new)", "BEV-ACQ VIN-BIANCO VIN-ROSSO"),
                valid("category = 'BEV' AND available[1] > 0 OR new", "BEV-ACQ VIN-BIANCO VIN-ROSSO"),
                valid("code = 'CAF-001' or code = 'BEV-ACQ' and published", "CAF-001"),
                valid("(code = 'CAF-001' or code = 'BEV-ACQ') and published", "CAF-001"),
                valid("not not published", "ACC-TAZ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("non (offerta o novità)", "ACC-TAZ BEV-ACQ VIN-BIANCO"),
                valid("(".repeat(50) + "published" + ")".repeat(50), "ACC-TAZ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("((((published))))", "ACC-TAZ CAF-001 VIN-BIANCO VIN-ROSSO"),
                valid("available[1] > -1 e prezzo[1] >= 0", "BEV-ACQ CAF-001 VIN-BIANCO VIN-ROSSO"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validFilters")
    void aValidFilterMatchesTheseArticles(String text, Set<String> expected) throws FilterSyntaxException {
        ArticleFilter filter = ArticleFilter.parse(text);

        Set<String> matched = CATALOGUE.stream().filter(filter::matches).map(ArticleFacts::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(matched).isEqualTo(expected);
        assertThat(filter.text()).isEqualTo(text);
        // The canonical form reads back as the same tree.
        assertThat(ArticleFilter.parse(filter.canonical()).canonical()).isEqualTo(filter.canonical());
    }

    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of("code = 'A' or code = 'B' and published", "(code = \"A\" OR (code = \"B\" AND published = true))"),
                Arguments.of("not category in ('X', 'y')", "NOT category IN (\"X\", \"y\")"),
                Arguments.of("Available[2] TRA 1 E 5.50", "available[2] BETWEEN 1 AND 5.50"),
                Arguments.of("description is not empty and attributo['it''s'] contiene 'x'",
                        "(description IS NOT EMPTY AND attribute[\"it's\"] CONTAINS \"x\")"),
                Arguments.of("a_b", null),
                Arguments.of("offer != true", "offer = false"),
                Arguments.of("price[1] <> 3 or price[1] == 4", "(price[1] != 3 OR price[1] = 4)"),
                Arguments.of("code starts with 'A' and (new or endOfSeries) and categoriaPrincipale vuoto",
                        "(code STARTS WITH \"A\" AND (new = true OR endOfSeries = true) AND primaryCategory IS EMPTY)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("trees")
    void aValidFilterGivesThisTree(String text, String tree) throws FilterSyntaxException {
        if (tree == null) {
            assertThatThrownBy(() -> ArticleFilter.parse(text)).isInstanceOf(FilterSyntaxException.class);
            return;
        }
        assertThat(ArticleFilter.parse(text).canonical()).isEqualTo(tree);
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                invalid("price[1] >= ", 12, "a value after '>='", "expected a value after '>='"),
                invalid("available[1] contains 'x'", 13, "one of =, !=, <, <=, >, >=, between or in",
                        "'contains' does not apply to the number field available[1]"),
                invalid("colour = 'red'", 0, "a field: " + FilterField.LIST,
                        "unknown field 'colour'; the fields are " + FilterField.LIST),
                invalid("code", 4, "an operator (=, !=, contains, starts with, in or is empty) after code",
                        "expected an operator (=, !=, contains, starts with, in or is empty) after code"),
                invalid("code = CAF", 7, "a text in quotes for the text field code",
                        "expected a text in quotes for the text field code"),
                invalid("price[1] > '10'", 11, "a number for the number field price[1]",
                        "expected a number for the number field price[1]"),
                invalid("published = 1", 12, "true or false for the true/false field published",
                        "expected true or false for the true/false field published"),
                invalid("published > true", 10, "one of = or !=", "'>' does not apply to the true/false field published"),
                invalid("description between 1 and 2", 12, "one of =, !=, contains, starts with, in or is empty",
                        "'between' does not apply to the text field description"),
                invalid("price[1] is empty", 9, "one of =, !=, <, <=, >, >=, between or in",
                        "'is empty' does not apply to the number field price[1]"),
                invalid("code = 'A' and", 14, "a condition after 'and'", "expected a condition after 'and'"),
                invalid("code = 'A' or or code = 'B'", 14, "a field, NOT or '(' after 'or'",
                        "expected a field, NOT or '(' after 'or'"),
                invalid("(code = 'A'", 11, "AND, OR or ')' to close the '(' at 0",
                        "expected AND, OR or ')' to close the '(' at 0"),
                invalid("code = 'A')", 10, "AND, OR or the end of the filter", "')' closes no '('"),
                invalid("code = 'A' code = 'B'", 11, "AND, OR or the end of the filter",
                        "expected AND, OR or the end of the filter"),
                invalid("description = 'vino", 19, "a closing ' to end the text opened at 14",
                        "expected a closing ' to end the text opened at 14"),
                invalid("available > 0", 10, "'[' and a warehouse number after 'available'",
                        "expected '[' and a warehouse number after 'available'"),
                invalid("available[x] > 0", 10, "a warehouse number (a whole number) after '['",
                        "expected a warehouse number (a whole number) after '['"),
                invalid("price[1.5] > 0", 6, "a price list number (a whole number) after '['",
                        "expected a price list number (a whole number) after '['"),
                invalid("price[1 > 0", 8, "']' after a price list number", "expected ']' after a price list number"),
                invalid("attribute[colour] = 'x'", 10, "an attribute name in quotes after '['",
                        "expected an attribute name in quotes after '['"),
                invalid("code in 'A'", 8, "'(' and a list of values after 'in'",
                        "expected '(' and a list of values after 'in'"),
                invalid("code in ('A' 'B')", 13, "',' or ')' after a value of the list",
                        "expected ',' or ')' after a value of the list"),
                invalid("code in ()", 9, "a value after '('", "expected a value after '('"),
                invalid("available[1] between 1 or 5", 23, "AND between the two values of BETWEEN",
                        "expected AND between the two values of BETWEEN"),
                invalid("available[1] between 5 and 1", 21, "a first value not above the second",
                        "the first value of BETWEEN (5) is above the second (1)"),
                invalid("code starts 'A'", 12, "WITH after 'starts'", "expected WITH after 'starts'"),
                invalid("description is full", 15, "EMPTY after 'is'", "expected EMPTY after 'is'"),
                invalid("code = 'A' # x", 11, "a field, value, operator or parenthesis", "unexpected character '#'"),
                invalid("price[1] ! 3", 10, "'=' after '!'", "expected '=' after '!'"),
                invalid("price[1] > 3.", 13, "a digit after the decimal point", "expected a digit after the decimal point"),
                invalid("price[1] > 3,5", 12, "AND, OR or the end of the filter", "expected AND, OR or the end of the filter"),
                invalid("not", 3, "a condition after 'not'", "expected a condition after 'not'"),
                invalid("(".repeat(51) + "new" + ")".repeat(51), 50, "at most 50 nested parentheses and NOTs",
                        "expected at most 50 nested parentheses and NOTs"),
                invalid("not ".repeat(60) + "new", 200, "at most 50 nested parentheses and NOTs",
                        "expected at most 50 nested parentheses and NOTs"),
                invalid("()", 1, "a field, NOT or '(' after '('", "expected a field, NOT or '(' after '('"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidFilters")
    void anInvalidFilterSaysWhereAndWhatWasExpected(String text, int position, String expected, String reason) {
        assertThatThrownBy(() -> ArticleFilter.parse(text)).isInstanceOfSatisfying(FilterSyntaxException.class, error -> {
            assertThat(error.getMessage()).isEqualTo("at " + position + ": " + reason);
            assertThat(error.position()).isEqualTo(position);
            assertThat(error.expected()).isEqualTo(expected);
        });
    }

    @Test
    void theTypeErrorOfTheBriefReadsAsWritten() {
        assertThatThrownBy(() -> ArticleFilter.parse("price[1] contains '5'"))
                .hasMessage("at 9: 'contains' does not apply to the number field price[1]");
        assertThatThrownBy(() -> ArticleFilter.parse("code = 'A' and available[2] >="))
                .hasMessage("at 30: expected a value after '>='");
    }

    @Test
    void fieldsUsedNameEachFieldOnceWithAttributesByName() throws FilterSyntaxException {
        ArticleFilter filter = ArticleFilter.parse("category = 'BEV' and (available[1] > 0 or available[2] > 0) "
                + "and not attribute['colour'] = 'red' and price[3] < 10 and offer");

        assertThat(filter.fieldsUsed()).containsExactly("category", "available", "attribute:colour", "price", "offer");
        assertThat(ArticleFilter.all().fieldsUsed()).isEmpty();
        assertThat(ArticleFilter.all().matches(CATALOGUE.get(0))).isTrue();
    }

    @Test
    void aMissingPriceSatisfiesOnlyNotEqual() throws FilterSyntaxException {
        ArticleFacts noPrice = CATALOGUE.get(3);

        assertThat(ArticleFilter.parse("price[1] < 1000").matches(noPrice)).isFalse();
        assertThat(ArticleFilter.parse("price[1] >= 0").matches(noPrice)).isFalse();
        assertThat(ArticleFilter.parse("price[1] != 5").matches(noPrice)).isTrue();
    }

    @Test
    void oneFilterServesManyThreadsAtOnce() throws Exception {
        ArticleFilter filter = ArticleFilter.parse("category = 'BEV' and available[1] > 0");
        List<Boolean> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    results.add(filter.matches(CATALOGUE.get(i % CATALOGUE.size())));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // BEV-ACQ and VIN-BIANCO match: 2 of every 5 articles.
        assertThat(results).hasSize(40_000);
        assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(16_000);
    }

    private static Arguments valid(String text, String codes) {
        Set<String> expected = Arrays.stream(codes.split(" ")).filter(code -> !code.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        return Arguments.of(text, expected);
    }

    private static Arguments invalid(String text, int position, String expected, String reason) {
        return Arguments.of(text, position, expected, reason);
    }

    static ArticleFacts article(String code, String description, String category, List<String> path,
            Map<Integer, String> stock, boolean published, Map<Integer, String> prices, boolean offer, boolean isNew,
            boolean endOfSeries, Map<String, String> attributes) {
        return new StoredArticleFacts(code, description, category, path, category, decimals(stock), published,
                decimals(prices), offer, isNew, endOfSeries, attributes);
    }

    private static Map<Integer, BigDecimal> decimals(Map<Integer, String> values) {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new BigDecimal(e.getValue())));
    }
}
