package io.sincro.schedule;

import java.time.Instant;
import java.util.Optional;
import org.quartz.JobKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The firings the Quartz cluster has under way, read from its job store: a node that has taken a trigger
 * (acquired or executing) holds a row in {@code qrtz_fired_triggers} until its job ends, or until
 * another node finds it dead and recovers the firing. Quartz's API shows only the local node's firings;
 * the table shows every node's.
 */
@Repository
class QuartzFirings {

    /** A firing under way: the slot it fires, the scheduler instance that took it, and when. */
    record Underway(Instant slot, String instance, Instant since) {
    }

    private final JdbcClient jdbc;

    QuartzFirings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Underway> underWay(String schedulerName, JobKey job) {
        return jdbc.sql("SELECT sched_time, instance_name, fired_time FROM qrtz_fired_triggers "
                        + "WHERE sched_name = ? AND job_name = ? AND job_group = ? ORDER BY sched_time")
                .params(schedulerName, job.getName(), job.getGroup())
                .query((rs, n) -> new Underway(Instant.ofEpochMilli(rs.getLong("sched_time")),
                        rs.getString("instance_name"), Instant.ofEpochMilli(rs.getLong("fired_time"))))
                .list().stream().findFirst();
    }
}
