package io.sincro.store;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The store's repositories over one data source, for tests of code above the store without the whole hub. */
public final class StoresForTests {

    public final JdbcClient jdbc;
    public final HubNodes nodes;
    public final Customers customers;
    public final Articles articles;
    public final Orders orders;

    public StoresForTests(DataSource dataSource) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        InsertOrAdopt insertOrAdopt = new InsertOrAdopt(transactions);
        jdbc = JdbcClient.create(dataSource);
        RunLocks locks = new RunLocks(jdbc, new SyncRuns(jdbc, json), event -> { }, java.time.Duration.ofMinutes(1),
                "node-a");
        nodes = new HubNodes(jdbc, locks, java.time.Duration.ofMinutes(1));
        customers = new Customers(jdbc, insertOrAdopt, nodes, transactions);
        articles = new Articles(jdbc, insertOrAdopt);
        orders = new Orders(jdbc, json, nodes, transactions);
    }
}
