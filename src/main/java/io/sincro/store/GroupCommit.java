package io.sincro.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes that several threads make at once, committed together: each caller returns only once its own
 * write is committed (or with the failure of the commit that carried it), but writes that arrive while a
 * commit is on its way to the disk go in the next one, together. On the default store every commit waits
 * for the disk and holds the database's transaction lock meanwhile, so parallel ERP pushes recording their
 * outcomes one commit each would queue behind each other; grouped, they share the wait.
 *
 * <p>The first caller to find no commit under way writes (leader); the others wait for the batch that
 * carries their write. Nothing is delayed on purpose: a lone write is committed at once.
 */
final class GroupCommit<T> {

    /** The writes that go in one commit, and how that commit ended. */
    private final class Batch {
        final List<T> writes = new ArrayList<>();
        boolean done;
        RuntimeException failure;
    }

    private final Consumer<List<T>> commit;
    private final Object lock = new Object();
    private Batch open = new Batch();
    private boolean committing;

    /** {@code commit} writes a batch in one transaction, or throws and writes nothing. */
    GroupCommit(Consumer<List<T>> commit) {
        this.commit = commit;
    }

    /** Each batch written by {@code write}, one write after the other, in a transaction of its own. */
    static <T> GroupCommit<T> inOneTransaction(PlatformTransactionManager transactions, Consumer<T> write) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new GroupCommit<>(batch -> transaction.executeWithoutResult(status -> batch.forEach(write)));
    }

    /** Writes {@code write} and returns once it is committed; throws the failure of the commit that carried it. */
    void write(T write) {
        Batch mine;
        synchronized (lock) {
            mine = open;
            mine.writes.add(write);
            while (committing && !mine.done) {
                waitForTheCommit();
            }
            if (mine.done) {
                outcome(mine);
                return;
            }
            // the leader: takes the batch as it is now; later writes gather in the next one
            committing = true;
            open = new Batch();
        }
        RuntimeException failure = null;
        try {
            commit.accept(mine.writes);
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            mine.done = true;
            mine.failure = failure;
            committing = false;
            lock.notifyAll();
        }
        outcome(mine);
    }

    private void outcome(Batch batch) {
        if (batch.failure != null) {
            throw batch.failure;
        }
    }

    private void waitForTheCommit() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a commit", e);
        }
    }
}
