package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The error bodies a Magento 2.4 shop in production mode really sends (webapi ErrorProcessor and
 * Rest\Response::_renderMessages): a {@code message} with {@code %placeholders} and, when there are
 * any, their {@code parameters}; named parameters render as an object.
 */
final class MagentoErrors {

    static final String SALES_ACL = "Magento_Sales::actions_view";
    static final String CUSTOMER_ACL = "Magento_Customer::customer";
    static final String INVOICE_ACL = "Magento_Sales::sales_invoice";
    static final String SHIP_ACL = "Magento_Sales::ship";
    static final String SHIPMENT_ACL = "Magento_Sales::shipment";
    static final String CANCEL_ACL = "Magento_Sales::cancel";
    static final String COMMENT_ACL = "Magento_Sales::comment";
    static final String PRODUCTS_ACL = "Magento_Catalog::products";
    static final String CATALOG_ACL = "Magento_Catalog::catalog";
    static final String STOCK_ACL = "Magento_CatalogInventory::cataloginventory";
    static final String SOURCE_ACL = "Magento_InventoryApi::source";
    static final String SOURCE_ITEMS_ACL = "Magento_InventoryApi::stock_source_item_assign";

    private static final SecureRandom RANDOM = new SecureRandom();

    private MagentoErrors() {
    }

    static MagentoException unauthorized(String aclResource) {
        ObjectNode body = message("The consumer isn't authorized to access %resources.");
        body.putObject("parameters").put("resources", aclResource);
        return new MagentoException(401, body);
    }

    static MagentoException routeNotFound() {
        return new MagentoException(404, message("Request does not match any route."));
    }

    static MagentoException storeNotFound() {
        return new MagentoException(404,
                message("The store that was requested wasn't found. Verify the store and try again."));
    }

    static MagentoException entityNotFound() {
        return new MagentoException(404,
                message("The entity that was requested doesn't exist. Verify the entity and try again."));
    }

    /** NoSuchEntityException::singleField, e.g. for an unknown customer id. */
    static MagentoException noSuchEntity(String fieldName, long value) {
        ObjectNode body = message("No such entity with %fieldName = %fieldValue");
        body.putObject("parameters").put("fieldName", fieldName).put("fieldValue", value);
        return new MagentoException(404, body);
    }

    static MagentoException badRequest(String message) {
        return new MagentoException(400, message(message));
    }

    /**
     * The DocumentValidationException of InvoiceOrder / ShipOrder: {@code "<kind> Document Validation Error(s):\n"}
     * followed by the validators' messages, one a line, already rendered (no parameters in the body).
     */
    static MagentoException documentValidation(String kind, List<String> messages) {
        return badRequest(kind + " Document Validation Error(s):\n" + String.join("\n", messages));
    }

    /** InvoiceService::setInvoiceItemQuantity: a quantity above what is left to invoice, before any validator. */
    static MagentoException invalidQuantityToInvoice(String itemName) {
        ObjectNode body = message("We found an invalid quantity to invoice item \"%1\".");
        body.putArray("parameters").add(itemName);
        return new MagentoException(400, body);
    }

    /** 400 for a missing required input, e.g. a GET /V1/orders without any searchCriteria. */
    static MagentoException requiredField(String fieldName) {
        ObjectNode body = message("\"%fieldName\" is required. Enter and try again.");
        body.putObject("parameters").put("fieldName", fieldName);
        return new MagentoException(400, body);
    }

    /** 400 for a value the ServiceInputProcessor cannot convert to the declared type. */
    static MagentoException invalidType(String value, String type) {
        ObjectNode body = message("The \"%value\" value's type is invalid. The \"%type\" type was expected. "
                + "Verify and try again.");
        body.putObject("parameters").put("value", value).put("type", type);
        return new MagentoException(400, body);
    }

    static MagentoException tooManyRequests(int retryAfterSeconds) {
        ObjectNode body = message("Too Many Requests");
        body.putNull("trace");
        return new MagentoException(429, body, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** The masked 500 of production mode, with a fresh report id like Magento's uniqid(). */
    static MagentoException internalError() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String reportId = "webapi-" + HexFormat.of().formatHex(id) + Integer.toHexString(RANDOM.nextInt(16));
        return new MagentoException(500, message(
                "Internal Error. Details are available in Magento log file. Report ID: " + reportId));
    }

    static MagentoException serviceUnavailable() {
        return new MagentoException(503, message("Service Unavailable"));
    }

    /** The body the shop (or its front proxy) sends with an injected status. */
    static MagentoException forStatus(int status, String aclResource) {
        return switch (status) {
            case 401 -> unauthorized(aclResource);
            case 404 -> routeNotFound();
            case 429 -> tooManyRequests(1);
            case 500 -> internalError();
            case 503 -> serviceUnavailable();
            default -> new MagentoException(status, message(reasonPhrase(status)));
        };
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 405 -> "Method Not Allowed";
            case 502 -> "Bad Gateway";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }

    private static ObjectNode message(String message) {
        return Json.object().put("message", message);
    }
}
