package io.sincro.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Every sync run, with its counts and outcome. */
@Repository
public class SyncRuns {

    public enum State { RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED }

    public record SyncRun(long id, String kind, String accountId, String trigger, State state, String node,
            Instant startedAt, Instant finishedAt, int pages, int ordersRead, int ordersImported, int ordersHeld,
            int ordersSkipped, int ordersFailed, Instant watermarkFrom, Instant watermarkTo, String message,
            boolean erpSyncRequested, int customersPushed, int articlesPushed, int ordersPushed, int pushesFailed,
            int ordersReread, String requestedKind, String kindReason, Progress progress) {
    }

    /**
     * What a run has done so far, while it runs and after: read, stored (NEW), held, already imported (imported
     * by an earlier run and changed in the shop since), reread (read again unchanged: the overlap window, a page
     * boundary), failed, pushed into the ERP, and the total to do when the source says it (else null). Each kind
     * of run fills the counts it has; the others stay 0.
     */
    public record Progress(int read, int stored, int held, int alreadyImported, int reread, int failed, int pushed,
            Integer total) {
    }

    /** What one page of a shop added to the run; {@code reread} of its {@code skipped} were read again unchanged. */
    public record PageCounts(int read, int imported, int held, int skipped, int failed, int reread) {

        public PageCounts(int read, int imported, int held, int skipped, int failed) {
            this(read, imported, held, skipped, failed, 0);
        }
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public SyncRuns(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long start(String kind, String accountId, String trigger, String node) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO sync_run (kind, account_id, trigger_source, state, node, started_at) "
                        + "VALUES (?, ?, ?, 'RUNNING', ?, ?)")
                .params(kind, accountId, trigger, node, Timestamps.of(Instant.now()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Removes a run that never started (its lock was refused). */
    public void discard(long id) {
        jdbc.sql("DELETE FROM sync_run WHERE id = ? AND pages = 0 AND orders_read = 0").param(id).update();
    }

    public Optional<SyncRun> get(long id) {
        return jdbc.sql("SELECT * FROM sync_run WHERE id = ?").param(id).query(this::map).optional();
    }

    public List<SyncRun> list(String accountId, int limit) {
        String where = accountId == null ? "" : " WHERE account_id = ?";
        var statement = jdbc.sql("SELECT * FROM sync_run" + where + " ORDER BY id DESC LIMIT " + Math.max(1, limit));
        return (accountId == null ? statement : statement.param(accountId)).query(this::map).list();
    }

    public void watermarkFrom(long id, Instant from) {
        jdbc.sql("UPDATE sync_run SET watermark_from = ? WHERE id = ?").params(Timestamps.of(from), id).update();
    }

    public void addPage(long id, PageCounts counts, Instant watermarkTo) {
        addPage(id, counts, watermarkTo, null);
    }

    /** A page's counts, and the total of orders to read when the shop said it (null keeps the one recorded). */
    public void addPage(long id, PageCounts counts, Instant watermarkTo, Integer total) {
        jdbc.sql("UPDATE sync_run SET pages = pages + 1, orders_read = orders_read + ?, "
                        + "orders_imported = orders_imported + ?, orders_held = orders_held + ?, "
                        + "orders_skipped = orders_skipped + ?, orders_failed = orders_failed + ?, "
                        + "orders_reread = orders_reread + ?, progress_total = COALESCE(?, progress_total), "
                        + "watermark_to = COALESCE(?, watermark_to) WHERE id = ?")
                .params(counts.read(), counts.imported(), counts.held(), counts.skipped(), counts.failed(),
                        counts.reread(), total, Timestamps.of(watermarkTo), id)
                .update();
    }

    /**
     * The progress of a run without shop pages (a customer sync): read so far and, when known, the total. Called
     * once per batch, so another node reading the run sees it move.
     */
    public void progress(long id, int read, Integer total) {
        jdbc.sql("UPDATE sync_run SET progress_read = ?, progress_total = COALESCE(?, progress_total) WHERE id = ?")
                .params(read, total, id).update();
    }

    /**
     * The pushes of a partial ERP sync so far, as absolute counts (its one writer holds them), with what it has
     * been handed so far as the total. Called once per batch of pushes and at the end.
     */
    public void pushes(long id, int customers, int articles, int orders, int failed, int handedOver) {
        jdbc.sql("UPDATE sync_run SET customers_pushed = ?, articles_pushed = ?, orders_pushed = ?, pushes_failed = ?, "
                        + "progress_total = ? WHERE id = ?")
                .params(customers, articles, orders, failed, handedOver, id).update();
    }

    /** The run is of another kind than the one asked for, and why (shown with the run). */
    public void ranAs(long id, String requestedKind, String reason) {
        jdbc.sql("UPDATE sync_run SET requested_kind = ?, kind_reason = ? WHERE id = ?")
                .params(requestedKind, reason, id).update();
    }

    /** Ends a running run; a run already ended keeps its first outcome. */
    public boolean finish(long id, State state, String message) {
        return jdbc.sql("UPDATE sync_run SET state = ?, message = ?, finished_at = ? WHERE id = ? AND state = 'RUNNING'")
                .params(state.name(), message == null || message.length() <= 4000 ? message : message.substring(0, 4000),
                        Timestamps.of(Instant.now()), id)
                .update() > 0;
    }

    /** What a push to the ERP added to the run. */
    public void addPushes(long id, int customers, int articles, int orders, int failed) {
        jdbc.sql("UPDATE sync_run SET customers_pushed = customers_pushed + ?, articles_pushed = articles_pushed + ?, "
                        + "orders_pushed = orders_pushed + ?, pushes_failed = pushes_failed + ? WHERE id = ?")
                .params(customers, articles, orders, failed, id).update();
    }

    /**
     * Adds one step's counts to the run (shown by the API and in the completion e-mail), e.g.
     * {@code "articles" → {"read": 1200, "updated": 1200}}. A step recorded twice keeps the last counts.
     */
    public synchronized void addStep(long id, String step, Map<String, ?> counts) {
        Map<String, Object> steps = steps(id);
        steps.put(step, counts);
        try {
            jdbc.sql("UPDATE sync_run SET steps = ? WHERE id = ?").params(json.writeValueAsString(steps), id).update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run's steps with their counts, in the order they ran. */
    public Map<String, Object> steps(long id) {
        String text = jdbc.sql("SELECT steps FROM sync_run WHERE id = ?").param(id).query(String.class).optional()
                .orElse(null);
        if (text == null) {
            return new LinkedHashMap<>();
        }
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run steps cannot be read", e);
        }
    }

    /** A full or delta sync whose pulls failed: it ends, but does not use up the monthly quota. */
    public void notCountedAgainstQuota(long id) {
        jdbc.sql("UPDATE sync_run SET counts_against_quota = FALSE WHERE id = ?").param(id).update();
    }

    /**
     * Runs of these kinds that ended well (completed, with or without item errors), started in [from, to), and
     * count against the quota (not those whose pulls failed).
     */
    public long countSucceeded(List<String> kinds, Instant from, Instant to) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE kind IN (:kinds) "
                        + "AND state IN ('COMPLETED', 'COMPLETED_WITH_ERRORS') AND counts_against_quota = TRUE "
                        + "AND started_at >= :from AND started_at < :to")
                .param("kinds", kinds).param("from", Timestamps.of(from)).param("to", Timestamps.of(to))
                .query(Long.class).single();
    }

    /** Whether a run of one of these kinds ever ended well. */
    public boolean anySucceeded(List<String> kinds) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE kind IN (:kinds) "
                        + "AND state IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')")
                .param("kinds", kinds).query(Long.class).single() > 0;
    }

    /**
     * Asks a running run for a run of its kind once it ends (a partial ERP sync requested while one runs: that
     * one may have read its lists already). False when the run has ended: then nothing will read the request.
     */
    public boolean requestFollowUp(long id, String trigger) {
        return jdbc.sql("UPDATE sync_run SET follow_up = ? WHERE id = ? AND state = 'RUNNING'")
                .params(trigger.length() > 200 ? trigger.substring(0, 200) : trigger, id).update() == 1;
    }

    /** The follow-up asked of an ended run, once: whoever takes it starts the next run. */
    public Optional<String> takeFollowUp(long id) {
        Optional<String> trigger = jdbc.sql("SELECT follow_up FROM sync_run WHERE id = ?").param(id)
                .query((rs, n) -> rs.getString(1)).list().stream().filter(java.util.Objects::nonNull).findFirst();
        if (trigger.isPresent() && jdbc.sql("UPDATE sync_run SET follow_up = NULL WHERE id = ? AND follow_up IS NOT NULL")
                .param(id).update() == 1) {
            return trigger;
        }
        return Optional.empty();
    }

    public void erpSyncRequested(long id) {
        jdbc.sql("UPDATE sync_run SET erp_sync_requested = TRUE WHERE id = ?").param(id).update();
    }

    private SyncRun map(ResultSet rs, int row) throws SQLException {
        int skipped = rs.getInt("orders_skipped");
        int reread = rs.getInt("orders_reread");
        int pushed = rs.getInt("customers_pushed") + rs.getInt("articles_pushed") + rs.getInt("orders_pushed");
        Progress progress = new Progress(rs.getInt("orders_read") + rs.getInt("progress_read"),
                rs.getInt("orders_imported"), rs.getInt("orders_held"), skipped - reread, reread,
                rs.getInt("orders_failed") + rs.getInt("pushes_failed"), pushed,
                rs.getObject("progress_total", Integer.class));
        return new SyncRun(rs.getLong("id"), rs.getString("kind"), rs.getString("account_id"),
                rs.getString("trigger_source"), State.valueOf(rs.getString("state")), rs.getString("node"),
                Timestamps.read(rs, "started_at"), Timestamps.read(rs, "finished_at"), rs.getInt("pages"),
                rs.getInt("orders_read"), rs.getInt("orders_imported"), rs.getInt("orders_held"),
                rs.getInt("orders_skipped"), rs.getInt("orders_failed"), Timestamps.read(rs, "watermark_from"),
                Timestamps.read(rs, "watermark_to"), rs.getString("message"), rs.getBoolean("erp_sync_requested"),
                rs.getInt("customers_pushed"), rs.getInt("articles_pushed"), rs.getInt("orders_pushed"),
                rs.getInt("pushes_failed"), reread, rs.getString("requested_kind"), rs.getString("kind_reason"),
                progress);
    }
}
