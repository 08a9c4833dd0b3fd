package io.sincro.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ErpConfiguration {

    @Bean
    WebApiClient webApiClient(ErpProperties properties, ObjectMapper json, ErpLoginGuard loginGuard) {
        return new WebApiClient(properties, json, loginGuard);
    }
}
