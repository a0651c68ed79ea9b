package io.storelink.sandbox;

/** Magento's raw (untranslated) phrases, exactly as the REST API returns them. */
final class MagentoMessages {
    static final String NO_ROUTE = "Request does not match any route.";
    static final String NO_SUCH_ENTITY = "The entity that was requested doesn't exist. Verify the entity and try again.";
    static final String NO_SUCH_PRODUCT = "The product that was requested doesn't exist. Verify the product and try again.";
    static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
    static final String REQUIRED_FIELD = "%fieldName is a required field.";
    static final String MAX_PAGE_SIZE = "Maximum SearchCriteria pageSize is %max";
    static final String INVALID_TYPE = "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.";
    static final String DECODING_ERROR = "Decoding error.";
    static final String INTERNAL_ERROR = "Internal Error. Details are available in Magento log file. Report ID: webapi-%1";
    static final String SHIPMENT_VALIDATION = "Shipment Document Validation Error(s):\n";
    static final String CANNOT_SHIP_STATUS = "A shipment cannot be created when an order has a status of %s";
    static final String ORDER_CANNOT_SHIP = "The order does not allow a shipment to be created.";
    static final String NO_PRODUCTS = "You can't create a shipment without products.";
    static final String SKU_NOT_IN_ORDER = "The shipment contains product SKU \"%s\" that is not part of the original order.";
    static final String QTY_ABOVE_UNSHIPPED = "The quantity to ship must not be greater than the unshipped quantity for product SKU \"%s\".";
    static final String TRACK_NUMBER_REQUIRED = "Please enter a tracking number.";
    static final String SHIPMENT_NOT_SAVED = "The shipment couldn't be saved.";
    static final String TRACK_NOT_SAVED = "Could not save the shipment tracking.";

    private MagentoMessages() {}
}
