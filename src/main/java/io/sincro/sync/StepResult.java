package io.sincro.sync;

import java.util.Map;

/**
 * What one step of a scheduled shop run did; the run's steps are aggregated into its report.
 *
 * @param problem what needs a look after this step, or null
 * @param last    the run's closing step: the aggregation is complete
 */
public record StepResult(long runId, String step, Map<String, Object> counts, String problem, boolean last) {
}
