package io.sincro.shop.magento;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API permission (ACL resource) a Magento integration needs for each call the hub makes, with the
 * place in the integration's "API" tab where it is granted and what the hub uses it for. A 401 or 403
 * on one call then says which permission is missing, not only that "the credentials" were refused:
 * Magento answers a missing grant with the same 401 as a bad token.
 *
 * <p>Resources as Magento 2.4's {@code webapi.xml} declares them (Magento_Sales, Magento_Customer); the
 * parent node in the admin tree grants its children.
 */
public final class MagentoPermissions {

    /** One permission: the ACL resource, where it sits in the admin's resource tree, and what needs it. */
    public record Permission(String resource, String adminPath, String neededFor) {

        public String describe() {
            return resource + " (" + adminPath + "), needed for " + neededFor;
        }
    }

    private record Rule(String method, Pattern path, Permission permission) {
    }

    public static final Permission ORDERS = new Permission("Magento_Sales::actions_view",
            "Sales > Operations > Orders > Actions > View", "the order sync and every push-back (they read orders)");
    public static final Permission CUSTOMERS = new Permission("Magento_Customer::customer", "Customers",
            "the customer sync and fiscal fields read from the customer record (customer:… mappings)");
    public static final Permission SHIP = new Permission("Magento_Sales::ship",
            "Sales > Operations > Orders > Actions > Ship", "shipments pushed back from ERP delivery notes");
    public static final Permission SHIPMENTS = new Permission("Magento_Sales::shipment",
            "Sales > Operations > Shipments", "finding a shipment already made before making it again");
    public static final Permission INVOICES = new Permission("Magento_Sales::sales_invoice",
            "Sales > Operations > Invoices", "invoices pushed back from ERP invoices, and finding one already made");
    public static final Permission CANCEL = new Permission("Magento_Sales::cancel",
            "Sales > Operations > Orders > Actions > Cancel", "cancellations pushed back from the ERP");

    public static final Permission PRODUCTS = new Permission("Magento_Catalog::products",
            "Catalog > Inventory > Products", "the catalogue channel: looking products up, creating and updating them");
    public static final Permission PRICES = new Permission("Magento_Catalog::catalog",
            "Catalog (the catalogue's root node)", "the catalogue channel's base prices (POST /V1/products/base-prices)");
    public static final Permission SOURCE_ITEMS = new Permission("Magento_InventoryApi::stock_source_item_assign",
            "Stores > Inventory > Sources > Assign Source Items (MSI)", "the catalogue channel's quantities on MSI shops");
    public static final Permission SOURCES = new Permission("Magento_InventoryApi::source",
            "Stores > Inventory > Sources", "finding out once whether the shop has MSI inventory sources");
    public static final Permission STOCK_ITEMS = new Permission("Magento_CatalogInventory::cataloginventory",
            "Stores > Settings > Configuration > Inventory section", "the catalogue channel's quantities on shops without MSI");

    private static final List<Rule> RULES = List.of(
            new Rule("GET", Pattern.compile("products/[^/]+"), PRODUCTS),
            new Rule("POST", Pattern.compile("products"), PRODUCTS),
            new Rule("PUT", Pattern.compile("products/[^/]+"), PRODUCTS),
            new Rule("POST", Pattern.compile("products/base-prices"), PRICES),
            new Rule("POST", Pattern.compile("inventory/source-items"), SOURCE_ITEMS),
            new Rule("GET", Pattern.compile("inventory/sources"), SOURCES),
            new Rule("GET", Pattern.compile("stockItems/[^/]+"), STOCK_ITEMS),
            new Rule("PUT", Pattern.compile("products/[^/]+/stockItems/\\d+"), STOCK_ITEMS),
            new Rule("GET", Pattern.compile("orders(/\\d+(/comments)?)?"), ORDERS),
            new Rule("GET", Pattern.compile("customers/(search|\\d+)"), CUSTOMERS),
            new Rule("POST", Pattern.compile("order/\\d+/ship"), SHIP),
            new Rule("GET", Pattern.compile("shipments?(/\\d+)?"), SHIPMENTS),
            new Rule("POST", Pattern.compile("order/\\d+/invoice"), INVOICES),
            new Rule("GET", Pattern.compile("invoices(/\\d+)?"), INVOICES),
            new Rule("POST", Pattern.compile("orders/\\d+/cancel"), CANCEL));

    /** Every permission, in the order the README lists them. */
    public static final List<Permission> ALL = List.of(ORDERS, CUSTOMERS, SHIP, SHIPMENTS, INVOICES, CANCEL, PRODUCTS,
            PRICES, SOURCE_ITEMS, SOURCES, STOCK_ITEMS);

    private MagentoPermissions() {
    }

    /** The permission a call needs; {@code resource} is the path after {@code /V1/}, without its query. */
    public static Optional<Permission> requiredFor(String method, String resource) {
        String path = resource.replaceAll("\\?.*$", "").replaceAll("^/+|/+$", "");
        return RULES.stream().filter(r -> r.method().equals(method) && r.path().matcher(path).matches())
                .map(Rule::permission).findFirst();
    }
}
