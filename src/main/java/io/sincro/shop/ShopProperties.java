package io.sincro.shop;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the hub talks to shops: timeouts and how long it honours a shop's "try again later". */
@ConfigurationProperties("sincro.shop")
public record ShopProperties(Duration connectTimeout, Duration readTimeout, int maxRateLimitWaits,
        Duration maxRetryAfter) {
}
