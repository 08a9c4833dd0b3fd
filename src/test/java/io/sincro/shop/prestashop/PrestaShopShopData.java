package io.sincro.shop.prestashop;

/**
 * A shop's data in the webservice's JSON (shop-apis B3/B4; written by us from the PSD resource schemas:
 * scalars as strings, amounts with six decimals, shop-local times). Order 5120 is an Italian company's
 * order with goods at 22 % and 4 %, a 10 % voucher and shipping taxed at 22 %; order 5121 is in US dollars.
 */
final class PrestaShopShopData {

    private PrestaShopShopData() {
    }

    static final String ORDER_5120 = """
            {"id":5120,"id_address_delivery":"9311","id_address_invoice":"9310","id_cart":"8001","id_currency":"1",
             "id_lang":"1","id_customer":"4410","id_carrier":"12","current_state":"2","module":"ps_wirepayment",
             "invoice_number":"0","invoice_date":"0000-00-00 00:00:00","delivery_number":"0",
             "delivery_date":"0000-00-00 00:00:00","valid":"1","date_add":"2026-11-29 10:12:03",
             "date_upd":"2026-11-29 10:20:41","shipping_number":"","id_shop_group":"1","id_shop":"1",
             "payment":"Bonifico bancario","recyclable":"0","gift":"0","gift_message":"","mobile_theme":"0",
             "total_discounts":"4.520000","total_discounts_tax_incl":"4.520000","total_discounts_tax_excl":"4.000000",
             "total_paid":"46.780000","total_paid_tax_incl":"46.780000","total_paid_tax_excl":"41.000000",
             "total_paid_real":"0.000000","total_products":"40.000000","total_products_wt":"45.200000",
             "total_shipping":"6.100000","total_shipping_tax_incl":"6.100000","total_shipping_tax_excl":"5.000000",
             "carrier_tax_rate":"22.000","total_wrapping":"0.000000","total_wrapping_tax_incl":"0.000000",
             "total_wrapping_tax_excl":"0.000000","round_mode":"2","round_type":"2","conversion_rate":"1.000000",
             "reference":"XKBKNABJK",
             "associations":{"order_rows":[
               {"id":"11873","product_id":"14","product_attribute_id":"0","product_quantity":"2",
                "product_name":"Tazza mug","product_reference":"MUG-001","product_ean13":"","product_isbn":"",
                "product_upc":"","product_price":"10.000000","id_customization":"0",
                "unit_price_tax_incl":"12.200000","unit_price_tax_excl":"10.000000"},
               {"id":"11874","product_id":"301","product_attribute_id":"0","product_quantity":"1",
                "product_name":"Il libro dei caffè","product_reference":"BOOK-7","product_ean13":"","product_isbn":"",
                "product_upc":"","product_price":"20.000000","id_customization":"0",
                "unit_price_tax_incl":"20.800000","unit_price_tax_excl":"20.000000"}]}}
            """;

    static final String DETAILS_5120 = """
            {"order_details":[
              {"id":11873,"id_order":"5120","product_id":"14","product_attribute_id":"0","product_name":"Tazza mug",
               "product_quantity":"2","product_price":"10.000000","reduction_percent":"0.00",
               "reduction_amount":"0.000000","product_reference":"MUG-001","tax_computation_method":"0",
               "id_tax_rules_group":"1","total_price_tax_incl":"24.400000","total_price_tax_excl":"20.000000",
               "unit_price_tax_incl":"12.200000","unit_price_tax_excl":"10.000000","original_product_price":"10.000000"},
              {"id":11874,"id_order":"5120","product_id":"301","product_attribute_id":"0",
               "product_name":"Il libro dei caffè","product_quantity":"1","product_price":"20.000000",
               "reduction_percent":"0.00","reduction_amount":"0.000000","product_reference":"BOOK-7",
               "tax_computation_method":"0","id_tax_rules_group":"3","total_price_tax_incl":"20.800000",
               "total_price_tax_excl":"20.000000","unit_price_tax_incl":"20.800000","unit_price_tax_excl":"20.000000",
               "original_product_price":"20.000000"}]}
            """;

    static final String ORDER_5121_USD = """
            {"id":5121,"id_address_delivery":"9312","id_address_invoice":"9312","id_currency":"2","id_lang":"1",
             "id_customer":"4411","id_carrier":"12","current_state":"2","module":"ps_wirepayment",
             "date_add":"2026-11-29 10:30:00","date_upd":"2026-11-29 10:31:00","id_shop":"1",
             "total_discounts_tax_incl":"0.000000","total_discounts_tax_excl":"0.000000",
             "total_paid_tax_incl":"13.420000","total_paid_tax_excl":"11.000000","total_products":"11.000000",
             "total_products_wt":"13.420000","total_shipping_tax_incl":"0.000000","total_shipping_tax_excl":"0.000000",
             "carrier_tax_rate":"22.000","conversion_rate":"1.100000","reference":"USDORDER1",
             "associations":{"order_rows":[
               {"id":"11880","product_id":"14","product_attribute_id":"0","product_quantity":"1",
                "product_name":"Tazza mug","product_reference":"MUG-001",
                "unit_price_tax_incl":"13.420000","unit_price_tax_excl":"11.000000"}]}}
            """;

    static final String CUSTOMERS = """
            {"customers":[
              {"id":4410,"id_shop":"1","id_lang":"1","email":"anna.rossi@example.it","firstname":"Anna",
               "lastname":"Rossi","company":"","siret":"","ape":"","is_guest":"0","active":"1","note":"",
               "date_add":"2026-01-10 08:00:00","date_upd":"2026-11-20 18:30:00"},
              {"id":4411,"id_shop":"1","id_lang":"1","email":"john@example.com","firstname":"John","lastname":"Doe",
               "company":"","siret":"","ape":"","is_guest":"1","active":"1","note":"",
               "date_add":"2026-11-29 10:29:00","date_upd":"2026-11-29 10:29:00"}]}
            """;

    static final String ADDRESSES = """
            {"addresses":[
              {"id":9310,"id_customer":"4410","id_manufacturer":"0","id_supplier":"0","id_warehouse":"0",
               "id_country":"10","id_state":"150","alias":"Sede","company":"Rossi Srl","lastname":"Rossi",
               "firstname":"Anna","vat_number":"IT01114601006","address1":"Via Roma 5","address2":"Scala B",
               "postcode":"20121","city":"Milano","other":"","phone":"+39 02 1234567","phone_mobile":"",
               "dni":"RSSNNA80A41F205X","deleted":"0","date_add":"2026-01-10 08:00:00","date_upd":"2026-11-20 18:30:00"},
              {"id":9311,"id_customer":"4410","id_country":"10","id_state":"151","alias":"Casa","company":"",
               "lastname":"Rossi","firstname":"Anna","vat_number":"","address1":"Via Verdi 12","address2":"",
               "postcode":"20900","city":"Monza","other":"","phone":"","phone_mobile":"+39 333 7654321","dni":"",
               "deleted":"0","date_add":"2026-01-10 08:00:00","date_upd":"2026-01-10 08:00:00"},
              {"id":9312,"id_customer":"4411","id_country":"21","id_state":"0","alias":"Home","company":"",
               "lastname":"Doe","firstname":"John","vat_number":"","address1":"1 Main St","address2":"",
               "postcode":"10001","city":"New York","other":"","phone":"+1 212 555 0100","phone_mobile":"","dni":"",
               "deleted":"0","date_add":"2026-11-29 10:29:00","date_upd":"2026-11-29 10:29:00"}]}
            """;

    static final String COUNTRIES = """
            {"countries":[{"id":10,"iso_code":"IT"},{"id":21,"iso_code":"US"}]}
            """;

    static final String STATES = """
            {"states":[{"id":150,"iso_code":"MI","name":"Milano"},{"id":151,"iso_code":"MB","name":"Monza e Brianza"}]}
            """;

    static final String CURRENCIES = """
            {"currencies":[{"id":1,"iso_code":"EUR"},{"id":2,"iso_code":"USD"}]}
            """;

    static final String CARRIERS = """
            {"carriers":[{"id":12,"id_reference":"3","name":"Corriere Espresso"}]}
            """;

    static String orders(String... orders) {
        return "{\"orders\":[" + String.join(",", orders) + "]}";
    }

    /** Stubs the lookups every order page makes. */
    static void lookups(PrestaShopWebservice shop) {
        shop.answer("customers", CUSTOMERS);
        shop.answer("addresses", ADDRESSES);
        shop.answer("order_details", DETAILS_5120);
        shop.answer("countries", COUNTRIES);
        shop.answer("states", STATES);
        shop.answer("currencies", CURRENCIES);
        shop.answer("carriers", CARRIERS);
    }
}
