package io.sincro.sync;

import io.sincro.store.SyncRuns;
import java.time.ZoneId;
import java.util.List;
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
        write(exchange.getMessage(), summary.recipients(), "order sync of " + summary.accountName(), summary.run(),
                body(summary));
    }

    public boolean shouldSendReport(RunReport report) {
        return enabled && !report.recipients().isEmpty();
    }

    /** The e-mail of a run made of steps (ERP sync, scheduled shop run): outcome, then each step's counts in order. */
    public void composeReport(RunReport report, Exchange exchange) {
        write(exchange.getMessage(), report.recipients(), title(report.run()), report.run(), body(report));
    }

    /** The message the SMTP endpoint sends: "Sincro: <what> <outcome> (run N)". */
    private void write(Message mail, List<String> recipients, String what, SyncRuns.SyncRun run, String body) {
        mail.removeHeaders("*");
        mail.setHeader("From", from);
        mail.setHeader("To", String.join(",", recipients));
        mail.setHeader("Subject", "Sincro: " + what + " " + outcome(run.state()) + " (run " + run.id() + ")");
        mail.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        mail.setBody(body);
    }

    static String body(RunReport report) {
        SyncRuns.SyncRun run = report.run();
        StringBuilder text = new StringBuilder()
                .append(Character.toUpperCase(title(run).charAt(0))).append(title(run).substring(1))
                .append(", run ").append(run.id()).append(": ").append(outcome(run.state())).append(".\n")
                .append("Started ").append(TIME.format(run.startedAt()))
                .append(run.finishedAt() == null ? "" : ", ended " + TIME.format(run.finishedAt())).append(".\n\n");
        report.steps().forEach((step, counts) -> {
            text.append(step).append(": ");
            if (counts instanceof java.util.Map<?, ?> map) {
                StringBuilder line = new StringBuilder();
                map.forEach((name, value) -> line.append(line.isEmpty() ? "" : ", ").append(name).append(' ')
                        .append(value));
                text.append(line);
            } else {
                text.append(counts);
            }
            text.append('\n');
        });
        if (!report.problems().isEmpty()) {
            text.append("\nTo look at:\n");
            report.problems().forEach(problem -> text.append("- ").append(problem).append('\n'));
        }
        return text.toString();
    }

    private static String title(SyncRuns.SyncRun run) {
        return switch (run.kind()) {
            case "ERP_FULL" -> "full ERP sync";
            case "ERP_DELTA" -> "delta ERP sync";
            case ShopRuns.LOCK_KIND -> "scheduled run of account " + run.accountId();
            default -> run.kind().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
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
                .append("Already imported: ").append(run.progress().alreadyImported()).append('\n')
                .append("Read again (reading overlap, unchanged): ").append(run.ordersReread()).append('\n')
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
