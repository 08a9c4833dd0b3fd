package io.sincro.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The request body as JSON, as {@link ApiRequestGuard} parsed it: for calls that must tell a member
 * left out from one sent empty (PUT, PATCH), which the bound record cannot.
 */
final class RawBody {

    private RawBody() {
    }

    static JsonNode of(Exchange exchange) {
        HttpServletRequest request = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest() : null;
        if (request == null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s) {
            request = s.getRequest();
        }
        if (request == null || !(request.getAttribute(ApiRequestGuard.BODY_ATTRIBUTE) instanceof JsonNode body)) {
            throw new IllegalStateException("the request body was not read by the API request guard");
        }
        return body;
    }
}
