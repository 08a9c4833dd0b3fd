package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which headers cross between HTTP and a Camel message of the API, in each direction. */
class HubHeaderFilterStrategyTest {

    final ResponseHeaders.HubHeaderFilterStrategy strategy = new ResponseHeaders.HubHeaderFilterStrategy();
    final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void theRequestsCredentialsNeverEnterAMessage() {
        for (String name : new String[] {"Authorization", "Cookie", "X-API-Key", "x-api-key", "X-CSRF-TOKEN",
                "Proxy-Authorization"}) {
            assertThat(strategy.applyFilterToExternalHeaders(name, "secret", exchange)).as(name).isTrue();
        }
        assertThat(strategy.applyFilterToExternalHeaders("Content-Type", "application/json", exchange)).isFalse();
        assertThat(strategy.applyFilterToExternalHeaders("Accept", "application/json", exchange)).isFalse();
    }

    @Test
    void onlyTheHubsOwnHeadersLeaveWithAnAnswer() {
        assertThat(strategy.applyFilterToCamelHeaders("Content-Type", "application/json", exchange)).isFalse();
        assertThat(strategy.applyFilterToCamelHeaders("Location", "/api/runs/1", exchange)).isFalse();
        assertThat(strategy.applyFilterToCamelHeaders("Retry-After", "60", exchange)).isFalse();
        assertThat(strategy.applyFilterToCamelHeaders("X-Probe", "echo", exchange)).isTrue();
        assertThat(strategy.applyFilterToCamelHeaders("User-Agent", "curl", exchange)).isTrue();
        assertThat(strategy.applyFilterToCamelHeaders("Set-Cookie", "x=y", exchange)).isTrue();
    }
}
