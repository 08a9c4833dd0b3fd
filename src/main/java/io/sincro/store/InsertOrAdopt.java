package io.sincro.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts that two nodes may make at the same moment (the same new article or customer in orders
 * imported side by side): the insert runs in a savepoint, and when the database refuses it as a
 * duplicate the savepoint alone is rolled back — on PostgreSQL a refused statement would otherwise spoil
 * the whole transaction — and the caller adopts the row the other node stored. An expected race, not a
 * failure: nothing is logged.
 */
@Component
class InsertOrAdopt {

    private final TransactionTemplate savepoint;

    InsertOrAdopt(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** @return true when the insert went in, false when the row was there already (the caller reads it) */
    boolean insert(Runnable insert) {
        try {
            savepoint.executeWithoutResult(status -> insert.run());
            return true;
        } catch (DuplicateKeyException storedByAnotherNode) {
            return false;
        }
    }
}
