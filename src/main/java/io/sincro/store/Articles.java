package io.sincro.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The hub's mirror of the ERP articles, and the articles it coded itself from shop orders. */
@Repository
public class Articles {

    public enum Origin { ERP, AUTO_CODED }

    public record Article(String code, String alias, String description, String vatCode, String unit, Origin origin,
            String erpState) {
    }

    private final JdbcClient jdbc;
    private final InsertOrAdopt insertOrAdopt;

    public Articles(JdbcClient jdbc, InsertOrAdopt insertOrAdopt) {
        this.jdbc = jdbc;
        this.insertOrAdopt = insertOrAdopt;
    }

    /** The article whose code, or failing that whose alias, is the given SKU. */
    public Optional<Article> findByCodeOrAlias(String sku) {
        Optional<Article> byCode = jdbc.sql("SELECT * FROM article WHERE code = ?").param(sku).query(this::map).optional();
        return byCode.isPresent() ? byCode
                : jdbc.sql("SELECT * FROM article WHERE alias = ? ORDER BY code").param(sku).query(this::map).list().stream()
                        .findFirst();
    }

    /** Records an article the ERP has; used by ERP syncs and the sandbox. */
    public void mirrorFromErp(String code, String alias, String description, String vatCode, String unit) {
        Instant now = Instant.now();
        int updated = jdbc.sql("UPDATE article SET alias = ?, description = ?, vat_code = ?, unit = ?, origin = 'ERP', "
                        + "erp_state = 'SYNCED', updated_at = ? WHERE code = ?")
                .params(alias, description, vatCode, unit, Timestamps.of(now), code).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO article (code, alias, description, vat_code, unit, origin, erp_state, created_at, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, 'ERP', 'SYNCED', ?, ?)")
                    .params(code, alias, description, vatCode, unit, Timestamps.of(now), Timestamps.of(now)).update();
        }
    }

    /**
     * Codes a new article from a shop line, pending its creation in the ERP. Should two nodes code the
     * same SKU at once, the second adopts the article the first stored (insert or adopt).
     */
    public Article autoCode(String code, String description, String vatCode) {
        Instant now = Instant.now();
        boolean inserted = insertOrAdopt.insert(() -> jdbc.sql("INSERT INTO article (code, description, vat_code, unit, "
                        + "origin, erp_state, created_at, updated_at) VALUES (?, ?, ?, 'pz', 'AUTO_CODED', 'PENDING', ?, ?)")
                .params(code, description, vatCode, Timestamps.of(now), Timestamps.of(now)).update());
        if (!inserted) {
            return jdbc.sql("SELECT * FROM article WHERE code = ?").param(code).query(this::map).single();
        }
        return new Article(code, null, description, vatCode, "pz", Origin.AUTO_CODED, "PENDING");
    }

    /** Articles coded by the hub that the ERP does not have yet. */
    public List<Article> pendingErp() {
        return jdbc.sql("SELECT * FROM article WHERE erp_state = 'PENDING' ORDER BY code").query(this::map).list();
    }

    /** Which of these codes (article codes or aliases) name an article still waiting for the ERP: one query. */
    public java.util.Set<String> pendingAmong(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> pending = new java.util.HashSet<>();
        jdbc.sql("SELECT code, alias FROM article WHERE erp_state = 'PENDING' AND (code IN (:codes) OR alias IN (:codes))")
                .param("codes", codes).query(rs -> {
                    pending.add(rs.getString("code"));
                    if (rs.getString("alias") != null) {
                        pending.add(rs.getString("alias"));
                    }
                });
        pending.retainAll(codes);
        return pending;
    }

    /**
     * The SKU the hub coded turns out to be, in the ERP, an alias of another article: the hub keeps
     * the ERP's article, with the SKU as its alias, instead of its own.
     */
    public void replaceByErpArticle(String sku, String erpCode, String description, String vatCode) {
        jdbc.sql("DELETE FROM article WHERE code = ? AND origin = 'AUTO_CODED'").param(sku).update();
        boolean known = jdbc.sql("SELECT COUNT(*) FROM article WHERE code = ?").param(erpCode).query(Long.class).single() > 0;
        if (known) {
            jdbc.sql("UPDATE article SET alias = ? WHERE code = ?").params(sku, erpCode).update();
        } else {
            mirrorFromErp(erpCode, sku, description, vatCode, "pz");
        }
    }

    public void erpSynced(String code) {
        jdbc.sql("UPDATE article SET erp_state = 'SYNCED', erp_reason = NULL, updated_at = ? WHERE code = ?")
                .params(Timestamps.of(Instant.now()), code).update();
    }

    public void erpFailed(String code, String reason) {
        jdbc.sql("UPDATE article SET erp_reason = ? WHERE code = ?")
                .params(reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000), code).update();
    }

    public long count(Origin origin) {
        return jdbc.sql("SELECT COUNT(*) FROM article WHERE origin = ?").param(origin.name()).query(Long.class).single();
    }

    private Article map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Article(rs.getString("code"), rs.getString("alias"), rs.getString("description"),
                rs.getString("vat_code"), rs.getString("unit"), Origin.valueOf(rs.getString("origin")),
                rs.getString("erp_state"));
    }
}
