package io.sincro.health;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.actuate.health.liveness.CamelLivenessStateHealthIndicator;
import org.apache.camel.spring.boot.actuate.health.readiness.CamelReadinessStateHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Liveness and readiness while Camel starts. Spring's web server (and so {@code /actuator/health}) is up
 * some seconds before the Camel context has started its routes, and Camel's two probe indicators run
 * every health check on each request and log a WARN for each that is not up yet: the context and every
 * route — about a hundred lines per node start under a load balancer's or an orchestrator's probes.
 * Until the context has started, the hub is simply starting: it is alive (liveness UP) and not ready
 * (readiness OUT_OF_SERVICE), which these wrappers say in one detail without running the checks. Once
 * Camel has started, Camel's indicators answer, and a check failing then is worth its WARN.
 */
@Configuration(proxyBeanMethods = false)
class CamelProbesAtStart {

    @Bean
    static BeanPostProcessor camelProbesWaitForTheContext(ObjectProvider<CamelContext> camel) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof CamelReadinessStateHealthIndicator readiness) {
                    return new UntilCamelStarted(readiness, camel, Health.outOfService());
                }
                if (bean instanceof CamelLivenessStateHealthIndicator liveness) {
                    return new UntilCamelStarted(liveness, camel, Health.up());
                }
                return bean;
            }
        };
    }

    /** Camel's indicator once the context has started; before, the hub's state while it starts. */
    static final class UntilCamelStarted implements HealthIndicator {

        private final HealthIndicator camelIndicator;
        private final ObjectProvider<CamelContext> camel;
        private final Health.Builder whileStarting;

        UntilCamelStarted(HealthIndicator camelIndicator, ObjectProvider<CamelContext> camel, Health.Builder whileStarting) {
            this.camelIndicator = camelIndicator;
            this.camel = camel;
            this.whileStarting = whileStarting;
        }

        @Override
        public Health getHealth(boolean includeDetails) {
            CamelContext context = camel.getIfAvailable();
            if (context == null || !context.isStarted()) {
                Health.Builder health = copy(whileStarting);
                return includeDetails ? health.withDetail("camel", "starting").build() : health.build();
            }
            return camelIndicator.getHealth(includeDetails);
        }

        @Override
        public Health health() {
            return getHealth(true);
        }

        private static Health.Builder copy(Health.Builder builder) {
            return Health.status(builder.build().getStatus());
        }
    }
}
