package io.sincro.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads of the partial ERP sync's pushers ({@link PartialErpSync#pushAll}), a Camel
 * thread pool profile. Three per ERP call slot: while some do the hub's side of a push (reading and
 * writing the store), or wait for the customer or article an order needs, others already wait for a
 * free slot, so no slot stays idle. The WebAPI client itself caps the calls in flight.
 */
@Configuration
class ErpPushPoolConfiguration {

    static final String PROFILE = "erpPushPool";

    /** Three per ERP call slot, at least three. */
    static int threads(int maxConcurrentCalls) {
        return Math.max(3, 3 * maxConcurrentCalls);
    }

    @Bean
    CamelContextConfiguration erpPushPool(@Value("${sincro.erp.max-concurrent-calls:5}") int maxConcurrentCalls) {
        int threads = threads(maxConcurrentCalls);
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(PROFILE)
                        .poolSize(threads).maxPoolSize(threads).maxQueueSize(-1).build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
