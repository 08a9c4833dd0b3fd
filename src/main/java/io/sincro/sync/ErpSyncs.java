package io.sincro.sync;

import io.sincro.erp.ErpProperties;
import io.sincro.erp.ErpSyncProperties;
import io.sincro.store.RunLocks;
import io.sincro.store.SyncRuns;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts full and delta ERP syncs ("Totale", "Variati"). They never run together, on any node: both
 * take the one ERP sync lock. Each that succeeds counts against the monthly quota; a request beyond
 * it is refused, and so is one while the other kind runs. The first sync ever is a full one, whatever
 * was asked. A partial sync has its own lock and may run beside either.
 */
@Component("erpSyncs")
public class ErpSyncs {

    public enum Kind { FULL, DELTA }

    public static final String LOCK_KIND = "ERP_SYNC";
    static final String LOCK_SCOPE = "erp";
    static final String REPLAY_ENDPOINT = "direct:erp-sync-replay";
    public static final List<String> RUN_KINDS = List.of(runKind(Kind.FULL), runKind(Kind.DELTA));
    /** Why a delta asked before any full or delta sync succeeded runs as a full one (it uses the quota too). */
    public static final String FIRST_DELTA_RUNS_FULL = "no delta watermark yet: the first delta runs as a full sync "
            + "and counts against the quota";

    /** A full or delta sync run holding the ERP sync lock. */
    public record Request(long runId, Kind kind, String trigger) {
    }

    public sealed interface Answer permits Started, Refused {
    }

    /** {@code note} says why the kind differs from the one asked, or is null. */
    public record Started(long runId, Kind kind, String note) implements Answer {
    }

    /** {@code runningRunId} is the run in the way, when that is the reason. */
    public record Refused(String reason, Long runningRunId) implements Answer {
    }

    /** This month's use of the contract's allowance of full and delta syncs. */
    public record Quota(String month, long used, int allowed, long remaining, LocalDate renewsOn) {
    }

    private final SyncRuns runs;
    private final RunLocks locks;
    private final ProducerTemplate producer;
    private final ErpSyncProperties settings;
    private final ErpProperties erp;

    public ErpSyncs(SyncRuns runs, RunLocks locks, @Lazy ProducerTemplate producer, ErpSyncProperties settings,
            ErpProperties erp) {
        this.runs = runs;
        this.locks = locks;
        this.producer = producer;
        this.settings = settings;
        this.erp = erp;
    }

    public static String runKind(Kind kind) {
        return "ERP_" + kind.name();
    }

    public Answer request(Kind asked, String trigger) {
        if (!erp.configured()) {
            return new Refused("no ERP is configured (set sincro.erp.base-url)", null);
        }
        Kind kind = asked;
        String note = null;
        if (asked == Kind.DELTA && !runs.anySucceeded(RUN_KINDS)) {
            kind = Kind.FULL;
            note = FIRST_DELTA_RUNS_FULL;
        }
        long runId = runs.start(runKind(kind), null, trigger, locks.node());
        if (kind != asked) {
            // the run shows it too: whoever reads it later sees a delta was asked and why it read everything
            runs.ranAs(runId, runKind(asked), note);
        }
        Optional<RunLocks.Holder> holder = locks.tryAcquire(LOCK_KIND, LOCK_SCOPE, runId);
        if (holder.isPresent()) {
            runs.discard(runId);
            RunLocks.Holder running = holder.get();
            String what = runs.get(running.runId()).map(r -> r.kind().equals(runKind(Kind.FULL)) ? "a full" : "a delta")
                    .orElse("an");
            return new Refused(what + " ERP sync is already running: run " + running.runId() + " on "
                    + running.node() + " since " + running.since() + " (full and delta syncs never run together; "
                    + "a partial sync can still be started)", running.runId());
        }
        Quota quota = quota();
        if (quota.remaining() <= 0) {
            locks.release(LOCK_KIND, LOCK_SCOPE, runId);
            runs.discard(runId);
            return new Refused("the monthly quota of full and delta ERP syncs is used up: " + quota.used() + " of "
                    + quota.allowed() + " in " + quota.month() + "; it renews on " + quota.renewsOn()
                    + ". Partial syncs, shop syncs and immediate order insertions do not count and keep working", null);
        }
        producer.sendBody("seda:erp-sync", new Request(runId, kind, trigger));
        return new Started(runId, kind, note);
    }

    public Quota quota() {
        ZonedDateTime now = ZonedDateTime.now(settings.quotaZone());
        YearMonth month = YearMonth.from(now);
        var from = month.atDay(1).atStartOfDay(settings.quotaZone()).toInstant();
        var to = month.plusMonths(1).atDay(1).atStartOfDay(settings.quotaZone()).toInstant();
        long used = runs.countSucceeded(RUN_KINDS, from, to);
        String name = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
        return new Quota(name, used, settings.monthlyQuota(), Math.max(0, settings.monthlyQuota() - used),
                month.plusMonths(1).atDay(1));
    }

    /** A run that ended in the dead-letter store is replayed as a new run of the same kind, through lock and quota. */
    public String replay(Request failed) {
        Answer answer = request(failed.kind(), "REPLAY of run " + failed.runId());
        if (answer instanceof Refused refused) {
            throw new IllegalStateException(refused.reason());
        }
        return "started run " + ((Started) answer).runId();
    }
}
