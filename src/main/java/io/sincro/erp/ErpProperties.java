package io.sincro.erp;

import java.time.Duration;
import java.time.Year;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ERP's WebAPI is and who the hub is there. {@code domain} is set only for the
 * Passepartout cloud. The password is never logged nor shown.
 *
 * @param maxConcurrentCalls the WebAPI serves at most 5 calls at once per user; the hub never sends more
 * @param busyRetries        how often a "pool busy" answer (503 / 3002) is retried, with backoff
 */
@ConfigurationProperties("sincro.erp")
public record ErpProperties(String baseUrl, String user, String password, String domain, String company,
        String subCompany, Integer year, Integer warehouse, int maxConcurrentCalls, Duration connectTimeout,
        Duration readTimeout, int busyRetries, Duration busyBackoff) {

    public ErpProperties {
        maxConcurrentCalls = maxConcurrentCalls <= 0 ? 5 : maxConcurrentCalls;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        busyRetries = busyRetries < 0 ? 5 : busyRetries;
        busyBackoff = busyBackoff == null ? Duration.ofMillis(500) : busyBackoff;
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    /** The {@code Coordinate-Gestionale} header: which company, year and warehouse a call is about. */
    public String coordinates() {
        return coordinates(workingYear());
    }

    /** The year the hub works in: {@code sincro.erp.year}, else the current one (where new documents go). */
    public int workingYear() {
        return year == null ? Year.now().getValue() : year;
    }

    /** The same header for another year: documents are kept per year, and read under the year they belong to. */
    public String coordinates(int documentYear) {
        StringBuilder value = new StringBuilder("Azienda=").append(company);
        if (subCompany != null && !subCompany.isBlank()) {
            value.append(" SottoAzienda=").append(subCompany);
        }
        value.append(" Anno=").append(documentYear);
        if (warehouse != null) {
            value.append(" Magazzino=").append(warehouse);
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "ErpProperties[baseUrl=" + baseUrl + ", user=" + user + ", password=****, company=" + company + "]";
    }
}
