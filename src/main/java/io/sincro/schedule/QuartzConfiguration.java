package io.sincro.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quartz's JDBC job store speaks each database's dialect of binary columns through its own delegate. */
@Configuration
class QuartzConfiguration {

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
