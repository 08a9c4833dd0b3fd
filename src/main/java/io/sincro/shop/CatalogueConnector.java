package io.sincro.shop;

/** Port: a platform's {@link CatalogueChannel} for one account (with the account's throttle). */
public interface CatalogueConnector {

    Platform platform();

    CatalogueChannel channel(ShopAccount account);
}
