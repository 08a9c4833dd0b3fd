package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes from parallel threads share a commit when they arrive while one is under way, and each caller
 * returns only once its own write is committed.
 */
class GroupCommitTest {

    final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aLoneWriteIsCommittedAtOnceOnItsOwn() {
        List<List<Integer>> commits = new CopyOnWriteArrayList<>();
        GroupCommit<Integer> group = new GroupCommit<>(batch -> commits.add(List.copyOf(batch)));

        group.write(1);
        group.write(2);

        assertThat(commits).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void writesArrivingDuringACommitGoTogetherInTheNextAndEachReturnsOnceItsOwnIsCommitted() throws Exception {
        CountDownLatch diskHeld = new CountDownLatch(1);
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        List<List<Integer>> commits = new CopyOnWriteArrayList<>();
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        GroupCommit<Integer> group = new GroupCommit<>(batch -> {
            if (commits.isEmpty()) {
                firstCommitStarted.countDown();
                awaitLatch(diskHeld);
            }
            commits.add(List.copyOf(batch));
            committed.addAll(batch);
        });
        AtomicInteger returnedEarly = new AtomicInteger();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> group.write(0), threads);
        awaitLatch(firstCommitStarted);
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int write = i;
            others.add(CompletableFuture.runAsync(() -> {
                group.write(write);
                if (!committed.contains(write)) {
                    returnedEarly.incrementAndGet();
                }
            }, threads));
        }
        // all six wait behind the commit on its way to the disk
        await().atMost(Duration.ofSeconds(10)).until(() -> threadsWaiting() >= 6);
        assertThat(others).noneMatch(CompletableFuture::isDone);
        diskHeld.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(commits).hasSize(2);
        assertThat(commits.get(0)).containsExactly(0);
        assertThat(commits.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(returnedEarly).hasValue(0);
    }

    @Test
    void aFailedCommitFailsEveryWriteItCarriedAndTheNextCommitGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> written = new CopyOnWriteArrayList<>();
        GroupCommit<Integer> group = new GroupCommit<>(batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
            written.addAll(batch);
        });

        assertThatThrownBy(() -> group.write(1)).hasMessage("disk full");
        group.write(2);

        assertThat(written).containsExactly(2);
    }

    private int threadsWaiting() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.WAITING)
                .filter(t -> java.util.Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(GroupCommit.class.getName())))
                .count();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
