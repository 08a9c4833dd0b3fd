package io.sincro.sync;

import io.sincro.shop.OrderPoll;
import io.sincro.shop.ShopAccount;
import io.sincro.store.ShopAccounts;
import io.sincro.store.SyncRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The life of one order-sync run: where it reads from, what each page added, how it ended. The
 * account's watermark moves page by page, and never past an order that could not be stored.
 * Whatever way the run ends, its lock is released and its outcome recorded.
 */
@Component("orderSyncRuns")
public class OrderSyncRuns {

    private static final Logger log = LoggerFactory.getLogger(OrderSyncRuns.class);

    static final String PROGRESS = "sincroRunProgress";
    static final String REPLAY_URI = "sincroReplayUri";
    public static final String ACCOUNT_ID = "sincroAccountId";
    static final int MAX_PROBLEMS_LISTED = 200;

    private final ShopAccounts accounts;
    private final SyncRuns runs;
    private final LockedRuns lockedRuns;
    private final ProducerTemplate producer;

    public OrderSyncRuns(ShopAccounts accounts, SyncRuns runs, LockedRuns lockedRuns, @Lazy ProducerTemplate producer) {
        this.accounts = accounts;
        this.runs = runs;
        this.lockedRuns = lockedRuns;
        this.producer = producer;
    }

    /** What the run has seen so far. */
    static final class Progress {
        final OrderSyncRequest request;
        final List<OrderOutcome> problems = new ArrayList<>();
        boolean watermarkPinned;
        /** The account's watermark when the run began: orders updated up to it were read by an earlier run. */
        Instant watermark;
        /** The shop ids of the page before: the next page starts at its last second and reads those again. */
        volatile java.util.Set<String> previousPage = java.util.Set.of();
        boolean totalRecorded;

        Progress(OrderSyncRequest request) {
            this.request = request;
        }

        /** Whether an order already imported came back only because the reading overlaps, unchanged. */
        boolean rereads(io.sincro.shop.RawShopOrder order) {
            return previousPage.contains(order.shopOrderId()) || watermark != null && order.updatedAt() != null
                    && !order.updatedAt().isAfter(watermark);
        }
    }

    /** Starts reading: from the account's watermark less the overlap, or from the beginning. */
    public void begin(OrderSyncRequest request, Exchange exchange) {
        Progress progress = new Progress(request);
        exchange.setProperty(PROGRESS, progress);
        exchange.setProperty(OrderIntake.RUN_ID, request.runId());
        exchange.setProperty(OrderIntake.KNOWN_ARTICLES, new OrderIntake.KnownArticles());
        exchange.setProperty(ACCOUNT_ID, request.accountId());
        exchange.setProperty(REPLAY_URI, OrderSyncs.REPLAY_ENDPOINT);
        lockedRuns.endWith(exchange, OrderSyncs.LOCK_KIND, request.accountId(), request.runId(), reason -> {
            log.error("Order sync run {} of account {} failed: {}", request.runId(), request.accountId(), reason);
            producer.asyncSendBody("direct:run-completion-mail", summary(progress));
        });
        ShopAccount account = accounts.find(request.accountId())
                .orElseThrow(() -> new IllegalStateException("account " + request.accountId() + " no longer exists"));
        progress.watermark = account.orderWatermark();
        Instant from = account.orderWatermark() == null ? Instant.EPOCH
                : account.orderWatermark().minus(Duration.ofMinutes(account.settings().overlapMinutes()));
        runs.watermarkFrom(request.runId(), from);
        exchange.setProperty(OrderPoll.PROPERTY, new OrderPoll(account, from));
        log.info("Order sync run {} of account {} reads orders updated since {}", request.runId(), account.id(), from);
    }

    /** Records a page's outcomes and moves the watermark past what is now stored. */
    public void pageDone(List<OrderOutcome> outcomes, @ExchangeProperty(PROGRESS) Progress progress,
            @ExchangeProperty(OrderPoll.PROPERTY) OrderPoll poll) {
        int imported = 0;
        int held = 0;
        int skipped = 0;
        int reread = 0;
        int failed = 0;
        Instant storedUpTo = null;
        for (OrderOutcome outcome : outcomes) {
            switch (outcome.result()) {
                case IMPORTED -> imported++;
                case HELD -> held++;
                case SKIPPED -> skipped++;
                case REREAD -> {
                    skipped++;
                    reread++;
                }
                case FAILED -> failed++;
            }
            if (outcome.result() == OrderOutcome.Result.FAILED) {
                progress.watermarkPinned = true;
            } else if (!progress.watermarkPinned && outcome.updatedAt() != null) {
                storedUpTo = outcome.updatedAt();
            }
            if ((outcome.result() == OrderOutcome.Result.HELD || outcome.result() == OrderOutcome.Result.FAILED)
                    && progress.problems.size() < MAX_PROBLEMS_LISTED) {
                progress.problems.add(outcome);
            }
        }
        log.debug("Run {}: page of {} orders, {} imported, {} held, {} already imported, {} failed",
                progress.request.runId(), outcomes.size(), imported, held, skipped, failed);
        progress.previousPage = outcomes.stream().map(OrderOutcome::shopOrderId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        // the shop's count of what the run reads, as its first page said it (later pages count what is left)
        Integer total = null;
        if (!progress.totalRecorded && poll != null && poll.cursor().total != null) {
            total = poll.cursor().total;
            progress.totalRecorded = true;
        }
        runs.addPage(progress.request.runId(), new SyncRuns.PageCounts(outcomes.size(), imported, held, skipped, failed,
                reread), storedUpTo, total);
        if (storedUpTo != null) {
            accounts.advanceWatermark(progress.request.accountId(), storedUpTo);
        }
    }

    /** Closes the run and tells what it did. */
    public RunSummary finish(@ExchangeProperty(PROGRESS) Progress progress) {
        SyncRuns.SyncRun run = runs.get(progress.request.runId()).orElseThrow();
        SyncRuns.State state = run.ordersFailed() > 0 ? SyncRuns.State.COMPLETED_WITH_ERRORS : SyncRuns.State.COMPLETED;
        lockedRuns.finish(run.id(), state, run.ordersFailed() > 0
                ? run.ordersFailed() + " orders could not be stored: see the dead letters" : null);
        return summary(progress);
    }

    private RunSummary summary(Progress progress) {
        SyncRuns.SyncRun run = runs.get(progress.request.runId()).orElseThrow();
        ShopAccount account = accounts.find(progress.request.accountId()).orElse(null);
        // an order sync that is a step of a larger run (scheduled shop run, ERP sync) is told in that run's e-mail
        boolean ownMail = account != null && !progress.request.step();
        return new RunSummary(run, account == null ? progress.request.accountId() : account.name(),
                ownMail ? account.settings().notifyEmails() : List.of(), List.copyOf(progress.problems));
    }
}
