package io.sincro.sync;

import io.sincro.erp.ErpException;
import io.sincro.erp.ErpLoginGuard;
import io.sincro.erp.WebApiClient;
import io.sincro.erp.ErpLoginRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What operators see and do about the ERP login guard ({@link ErpLoginGuard}): its state
 * ({@code GET /api/erp/login}), one e-mail when the ERP refuses the hub's login, and "try again"
 * ({@code POST /api/erp/login/retry}): the guard is lifted, one call (a probe) tells whether the ERP
 * now accepts the login, and when it does a partial ERP sync delivers what waited.
 */
@Component("erpLogin")
public class ErpLogin {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Rome"));

    private final ErpLoginGuard guard;
    private final WebApiClient erp;
    private final PartialErpSync partialErpSync;
    private final ErpSyncRun erpSyncRun;
    private final ProducerTemplate producer;
    private final boolean mailEnabled;
    private final String from;

    public ErpLogin(ErpLoginGuard guard, WebApiClient erp, PartialErpSync partialErpSync, ErpSyncRun erpSyncRun,
            @Lazy ProducerTemplate producer, @Value("${sincro.mail.enabled}") boolean mailEnabled,
            @Value("${sincro.mail.from}") String from) {
        this.guard = guard;
        this.erp = erp;
        this.partialErpSync = partialErpSync;
        this.erpSyncRun = erpSyncRun;
        this.producer = producer;
        this.mailEnabled = mailEnabled;
        this.from = from;
    }

    /** {@code GET /api/erp/login}: {@code OK}, or {@code REFUSED} with when, where and what the ERP said. */
    public Map<String, Object> status() {
        ErpLoginRecord.State state = guard.state();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state.refused() ? "REFUSED" : "OK");
        if (state.refused()) {
            body.put("refusedAt", state.refusedAt());
            body.put("node", state.refusedNode());
            body.put("erpMessage", state.refusedMessage());
            body.put("reason", ErpLoginGuard.stoppedBecause(state));
            body.put("retry", "POST /api/erp/login/retry");
        }
        if (state.liftedAt() != null) {
            body.put("liftedAt", state.liftedAt());
            body.put("liftedBecause", state.liftedBecause());
        }
        return body;
    }

    /** {@code POST /api/erp/login/retry}: lifts the guard and probes with one call; the state that follows. */
    public Map<String, Object> retry() {
        guard.lift("an operator asked to try again (POST /api/erp/login/retry)");
        Map<String, Object> body;
        try {
            erp.read("clienti", "0.0");
            body = status();
            body.put("probe", "the ERP accepted the hub's login; a partial ERP sync delivers what waited");
            partialErpSync.requestCovering("LOGIN RETRY");
        } catch (ErpException.Unauthorized refused) {
            body = status();
            body.put("probe", "the ERP refused the hub's login again: " + refused.getMessage());
        } catch (ErpException other) {
            body = status();
            body.put("probe", "the ERP did not answer the probe: " + other.getMessage()
                    + "; the next ERP call tries the login again, alone");
        }
        return body;
    }

    @EventListener
    public void on(ErpLoginGuard.Refused refused) {
        producer.asyncSendBody("direct:erp-login-refused-mail", refused);
    }

    public boolean shouldTell(ErpLoginGuard.Refused refused) {
        return mailEnabled && !erpSyncRun.recipients().isEmpty();
    }

    /** The one e-mail of a refused login: what happened, what is stopped, what lifts it. */
    public void composeMail(ErpLoginGuard.Refused refused, Exchange exchange) {
        List<String> recipients = erpSyncRun.recipients();
        Message mail = exchange.getMessage();
        mail.removeHeaders("*");
        mail.setHeader("From", from);
        mail.setHeader("To", String.join(",", recipients));
        mail.setHeader("Subject", "Sincro: the ERP refused the hub's login, every ERP call is stopped");
        mail.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        mail.setBody("At " + TIME.format(refused.at()) + " the ERP refused the login of the hub's WebAPI user (node "
                + refused.node() + "). The ERP said:\n\n  " + refused.message() + "\n\n"
                + "So that repeated failed logins do not lock the user (only an ERP administrator can unlock it), the "
                + "hub has stopped every ERP call, on every node. Orders and customers wait in the hub as pending, "
                + "with this reason; nothing is lost.\n\n"
                + "To go on: correct sincro.erp.user / sincro.erp.password / sincro.erp.domain and restart the hub "
                + "(new credentials lift the stop), or, if the ERP side was fixed, POST /api/erp/login/retry: one "
                + "call tries the login, and if it is accepted a partial ERP sync delivers what waited.\n");
    }
}
