package io.sincro.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Quartz scheduler: Spring Boot's, with the clustered JDBC job store; Quartz's JDBC job store speaks each
 * database's dialect of binary columns through its own delegate. Camel's quartz component uses that scheduler
 * (its firings enter the routes) and starts it once the Camel context has started — not before
 * ({@code spring.quartz.auto-startup=false}), or a firing due at start would find no route to enter.
 */
@Configuration
class QuartzConfiguration {

    /** camel-quartz has no Spring Boot starter here: the component is a bean named after its scheme. */
    @Bean("quartz")
    QuartzComponent quartz(Scheduler scheduler) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setScheduler(scheduler);
        return quartz;
    }

    /** The configured {@code spring.quartz.properties}, plus the delegate of the database in use. */
    @Bean
    SchedulerFactoryBeanCustomizer jdbcDelegate(DataSource dataSource, QuartzProperties quartz) {
        return factory -> {
            Properties properties = new Properties();
            properties.putAll(quartz.getProperties());
            properties.setProperty("org.quartz.jobStore.driverDelegateClass", delegateFor(dataSource));
            factory.setQuartzProperties(properties);
        };
    }

    static String delegateFor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
            }
            if (product.contains("hsql")) {
                return "org.quartz.impl.jdbcjobstore.HSQLDBDelegate";
            }
            return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the schedules are kept in", e);
        }
    }
}
