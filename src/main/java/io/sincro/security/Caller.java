package io.sincro.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.core.Authentication;

/**
 * Who made the API call an exchange answers. Camel serves the API on a thread of its own, where
 * Spring Security's thread-bound context is not set, so the filter chain leaves the principal on the
 * servlet request, which the platform-http message carries.
 */
final class Caller {

    static final String ATTRIBUTE = Caller.class.getName() + ".authentication";

    private Caller() {
    }

    static Optional<HttpServletRequest> request(Exchange exchange) {
        return exchange.getIn() instanceof PlatformHttpMessage message ? Optional.ofNullable(message.getRequest())
                : Optional.empty();
    }

    static Optional<Authentication> authentication(Exchange exchange) {
        return request(exchange).map(request -> request.getAttribute(ATTRIBUTE))
                .filter(Authentication.class::isInstance).map(Authentication.class::cast);
    }

    static String name(Exchange exchange) {
        return authentication(exchange).flatMap(Principals::name).orElse("unknown");
    }
}
