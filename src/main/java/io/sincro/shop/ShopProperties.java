package io.sincro.shop;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the hub talks to shops: timeouts, how long it honours a shop's "try again later", and whether a
 * shop may live at a loopback, link-local or private address ({@code allowPrivateAddresses}, off by
 * default: an account's address must not turn the hub into a probe of its own network; on in the
 * sandbox, whose shop is on loopback).
 */
@ConfigurationProperties("sincro.shop")
public record ShopProperties(Duration connectTimeout, Duration readTimeout, int maxRateLimitWaits,
        Duration maxRetryAfter, boolean allowPrivateAddresses) {
}
