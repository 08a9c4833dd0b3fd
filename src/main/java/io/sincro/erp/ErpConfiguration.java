package io.sincro.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ErpConfiguration {

    /** The ERP's calls go through the Camel route {@code erp-http}. */
    static final String ROUTE = "erp-http";

    @Bean
    WebApiClient webApiClient(ErpProperties properties, ObjectMapper json, ErpLoginGuard loginGuard, CamelContext camel) {
        return new WebApiClient(properties, json, loginGuard, WebApiClient.transport(camel, ROUTE, properties));
    }
}
