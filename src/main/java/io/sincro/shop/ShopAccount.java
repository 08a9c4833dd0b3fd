package io.sincro.shop;

import java.time.Instant;

/**
 * One connection to one shop (a Magento store view). {@code orderWatermark} is the shop time up to
 * which every order has been stored in the hub.
 */
public record ShopAccount(String id, String name, Platform platform, String baseUrl, String storeCode,
        ShopCredentials credentials, AccountSettings settings, Instant orderWatermark) {
}
