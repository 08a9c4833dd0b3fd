package io.sincro.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
class ApiConfiguration {

    /**
     * Just after Spring Security's filter chain (order -100): a caller who may not call the API learns
     * nothing from how its body is judged; every other caller's body is judged before the route runs.
     */
    static final int GUARD_ORDER = -90;

    @Bean
    FilterRegistrationBean<ApiRequestGuard> apiRequestGuard(ObjectMapper json,
            @Value("${sincro.api.max-body-size:1MB}") DataSize maxBodySize) {
        FilterRegistrationBean<ApiRequestGuard> registration =
                new FilterRegistrationBean<>(new ApiRequestGuard(json, maxBodySize));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OpenApiServer> openApiServer() {
        FilterRegistrationBean<OpenApiServer> registration = new FilterRegistrationBean<>(new OpenApiServer());
        registration.addUrlPatterns(OpenApiServer.PATH);
        registration.setOrder(GUARD_ORDER + 1);
        return registration;
    }
}
