package io.sincro.shop;

/** Where an account's orders come from. */
public enum Platform {
    /** A Magento 2 store view, polled through its REST API. */
    MAGENTO,
    /** A PrestaShop 1.7 / 8.x shop, polled through its webservice. */
    PRESTASHOP,
    /** The hub's own storefront: it posts its orders to {@code POST /api/orders}; nothing is polled. */
    STOREFRONT
}
