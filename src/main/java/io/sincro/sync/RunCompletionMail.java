package io.sincro.sync;

import io.sincro.store.SyncRuns;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The e-mail that closes every run: counts, outcome, and each order that needs the merchant. */
@Component("runCompletionMail")
public class RunCompletionMail {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Rome"));

    private final boolean enabled;
    private final String from;

    public RunCompletionMail(@Value("${sincro.mail.enabled}") boolean enabled, @Value("${sincro.mail.from}") String from) {
        this.enabled = enabled;
        this.from = from;
    }

    public boolean shouldSend(RunSummary summary) {
        return enabled && !summary.recipients().isEmpty();
    }

    public void compose(RunSummary summary, Exchange exchange) {
        SyncRuns.SyncRun run = summary.run();
        Message mail = exchange.getMessage();
        mail.removeHeaders("*");
        mail.setHeader("From", from);
        mail.setHeader("To", String.join(",", summary.recipients()));
        mail.setHeader("Subject", "Sincro: order sync of " + summary.accountName() + " " + outcome(run.state())
                + " (run " + run.id() + ")");
        mail.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        mail.setBody(body(summary));
    }

    static String body(RunSummary summary) {
        SyncRuns.SyncRun run = summary.run();
        StringBuilder text = new StringBuilder()
                .append("Order sync of account ").append(summary.accountName()).append(" (").append(run.accountId())
                .append("), run ").append(run.id()).append(": ").append(outcome(run.state())).append(".\n")
                .append("Started ").append(TIME.format(run.startedAt()))
                .append(run.finishedAt() == null ? "" : ", ended " + TIME.format(run.finishedAt())).append(".\n\n")
                .append("Orders read: ").append(run.ordersRead()).append('\n')
                .append("Imported: ").append(run.ordersImported()).append('\n')
                .append("Held: ").append(run.ordersHeld()).append('\n')
                .append("Already imported: ").append(run.ordersSkipped()).append('\n')
                .append("Failed: ").append(run.ordersFailed()).append('\n');
        if (run.message() != null) {
            text.append("\n").append(run.message()).append('\n');
        }
        if (!summary.problems().isEmpty()) {
            text.append("\nOrders that need a look:\n");
            for (OrderOutcome problem : summary.problems()) {
                text.append("- order ").append(problem.number()).append(" ").append(problem.result()).append(": ")
                        .append(problem.reason()).append('\n');
            }
        }
        return text.toString();
    }

    private static String outcome(SyncRuns.State state) {
        return switch (state) {
            case COMPLETED -> "completed";
            case COMPLETED_WITH_ERRORS -> "completed with errors";
            case FAILED -> "FAILED";
            case RUNNING -> "running";
        };
    }
}
