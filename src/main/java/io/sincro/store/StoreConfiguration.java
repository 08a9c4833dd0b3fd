package io.sincro.store;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
class StoreConfiguration {

    /** Which ERP state changes were told to the shop, keyed by order, ERP document and action. */
    @Bean
    JdbcMessageIdRepository pushedStates(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource,
                new TransactionTemplate(transactions), "order-state-push");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
