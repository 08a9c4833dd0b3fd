package io.sincro.schedule;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.CamelJob;
import org.apache.camel.component.quartz.QuartzConstants;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of a schedule: its firing enters Camel through the quartz endpoint of the route
 * {@value #ROUTE} ({@code routes/schedules.camel.yaml}), where {@link ScheduleFiring} does what a firing
 * does. One job per schedule, each with its own trigger planned by {@link SyncSchedules}; so the job finds
 * the route by its id rather than by the trigger's name, as camel-quartz's own jobs do. The class keeps its
 * name so that the jobs already in the job store fire through Camel too. Never two firings of one schedule at
 * once; a firing taken by a node that dies is fired again on another (its job requests recovery).
 */
@DisallowConcurrentExecution
public class ScheduledSyncJob extends CamelJob {

    /** The route a schedule's firing enters. */
    public static final String ROUTE = "schedule-firing";
    static final String TARGET = "target";

    @Override
    protected CamelContext getCamelContext(JobExecutionContext context) throws JobExecutionException {
        // the quartz component keeps its Camel context in the scheduler's context when it starts the scheduler
        try {
            for (Map.Entry<String, Object> entry : context.getScheduler().getContext().entrySet()) {
                if (entry.getKey().startsWith(QuartzConstants.QUARTZ_CAMEL_CONTEXT + "-")
                        && entry.getValue() instanceof CamelContext camel && camel.getRoute(ROUTE) != null) {
                    return camel;
                }
            }
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot read the scheduler's context", e);
        }
        throw new JobExecutionException("no Camel context with the route " + ROUTE + " runs on this scheduler");
    }

    @Override
    protected QuartzEndpoint lookupQuartzEndpoint(CamelContext camel, JobExecutionContext context)
            throws JobExecutionException {
        Route route = camel.getRoute(ROUTE);
        if (route == null || !(route.getEndpoint() instanceof QuartzEndpoint endpoint)) {
            throw new JobExecutionException("the route " + ROUTE + " does not start with a quartz endpoint");
        }
        return endpoint;
    }
}
