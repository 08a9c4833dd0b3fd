package io.sincro.security;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only the hub's own headers go back with an API answer. Camel keeps the request's headers on the
 * message (Authorization, Cookie, X-API-Key, whatever a caller sent) and platform-http would copy them
 * into the response; this strategy lets out only the headers an answer of the hub may carry. Coming
 * in, the request's credentials are dropped too (so no flow can log or forward them), the rest filtered
 * as platform-http always does.
 */
@Configuration
public class ResponseHeaders {

    /** What an answer of the hub may carry, besides what the servlet container and Spring Security add. */
    static final Set<String> OWN = Set.of("content-type", "content-language", "content-disposition", "location",
            "retry-after", "etag", "last-modified", "allow", "cache-control");

    /** Credentials the filter chain has checked: no flow needs them, so they never enter a Camel message. */
    static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie", "x-api-key",
            "x-csrf-token");

    static final class HubHeaderFilterStrategy extends HttpHeaderFilterStrategy {

        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return !OWN.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            return CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))
                    || super.applyFilterToExternalHeaders(name, value, exchange);
        }
    }

    @Bean
    public ComponentCustomizer hubResponseHeaders() {
        return ComponentCustomizer.builder(PlatformHttpComponent.class)
                .build(component -> component.setHeaderFilterStrategy(new HubHeaderFilterStrategy()));
    }
}
