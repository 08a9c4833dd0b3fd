package io.sincro.store;

import io.sincro.model.Address;
import io.sincro.model.CustomerKind;
import io.sincro.model.OrderCustomer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Hub customers, their addresses and which shop customer each one is. */
@Repository
public class Customers {

    /** A customer as the matching rules need to see it. */
    public record StoredCustomer(long id, String email, String firstName, String lastName, String kind,
            String erpCode, String erpState) {

        /** Whether the ERP still has to be given this customer (new, or changed since it was written there). */
        public boolean pendingInErp() {
            return !"SYNCED".equals(erpState);
        }

        public boolean sameNameAs(OrderCustomer other) {
            return equalsIgnoreCase(firstName, other.firstName()) && equalsIgnoreCase(lastName, other.lastName());
        }

        private static boolean equalsIgnoreCase(String a, String b) {
            return a == null ? b == null : b != null && a.trim().equalsIgnoreCase(b.trim());
        }
    }

    /** Everything the ERP needs to know of a customer. */
    public record CustomerRecord(long id, String email, CustomerKind kind, String firstName, String lastName,
            String companyName, String vatNumber, String fiscalCode, String pec, String sdiCode, String phone,
            String erpCode, String erpState, String erpReason) {
    }

    /** A stored address and its ERP code (for shipping addresses: the id in the ERP's shipping table). */
    public record StoredAddress(long id, Address address, String erpCode) {
    }

    private final JdbcClient jdbc;
    private final InsertOrAdopt insertOrAdopt;
    private final HubNodes nodes;

    /** The ERP codes the parallel pushes record, committed together when they arrive together. */
    private final GroupCommit<Coded> coded;

    /** A customer the ERP now knows by this code. */
    private record Coded(long id, String erpCode) {
    }

    public Customers(JdbcClient jdbc, InsertOrAdopt insertOrAdopt, HubNodes nodes,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.insertOrAdopt = insertOrAdopt;
        this.nodes = nodes;
        this.coded = GroupCommit.inOneTransaction(transactions, this::erpCodedNow);
    }

    public List<StoredCustomer> findByEmail(String email) {
        return jdbc.sql("SELECT id, email, first_name, last_name, kind, erp_code, erp_state FROM customer "
                        + "WHERE email = ? ORDER BY id")
                .param(email.trim().toLowerCase())
                .query((rs, n) -> new StoredCustomer(rs.getLong("id"), rs.getString("email"),
                        rs.getString("first_name"), rs.getString("last_name"), rs.getString("kind"),
                        rs.getString("erp_code"), rs.getString("erp_state")))
                .list();
    }

    public Optional<Long> findBound(String accountId, String shopCustomerId) {
        return jdbc.sql("SELECT customer_id FROM customer_shop_binding WHERE account_id = ? AND shop_customer_id = ?")
                .params(accountId, shopCustomerId).query(Long.class).optional();
    }

    /**
     * Stores a new customer, or adopts the one another node stored a moment ago for the same e-mail and
     * name (two orders of one new buyer imported side by side): their identity (e-mail + name) is
     * claimed in {@code customer_identity} together with the row, so the second claim waits for the first
     * and then finds it.
     */
    public long insert(OrderCustomer customer) {
        String identity = identity(customer);
        long[] id = new long[1];
        boolean inserted = insertOrAdopt.insert(() -> {
            id[0] = insertRow(customer);
            jdbc.sql("INSERT INTO customer_identity (identity_key, customer_id) VALUES (?, ?)").params(identity, id[0])
                    .update();
        });
        if (inserted) {
            return id[0];
        }
        return jdbc.sql("SELECT customer_id FROM customer_identity WHERE identity_key = ?").param(identity)
                .query(Long.class).optional()
                // the other node has not committed yet (HSQLDB refuses at once instead of waiting): a customer of its own
                .orElseGet(() -> insertRow(customer));
    }

    private long insertRow(OrderCustomer customer) {
        Instant now = Instant.now();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer (email, kind, first_name, last_name, company_name, vat_number, fiscal_code, "
                        + "pec, sdi_code, phone, erp_state, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
                .params(customer.email().trim().toLowerCase(), customer.kind().name(), customer.firstName(),
                        customer.lastName(), customer.companyName(), customer.vatNumber(), customer.fiscalCode(),
                        customer.pec(), customer.sdiCode(), customer.phone(), Timestamps.of(now), Timestamps.of(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** E-mail and name, as {@link StoredCustomer#sameNameAs} compares them. */
    static String identity(OrderCustomer customer) {
        return String.join("\n", customer.email().trim().toLowerCase(Locale.ROOT), folded(customer.firstName()),
                folded(customer.lastName()));
    }

    private static String folded(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Brings a registered customer's data up to date from the shop; a change marks the customer
     * pending so the next partial ERP sync carries it. Blank shop values never erase stored ones.
     */
    public boolean refresh(long id, OrderCustomer customer) {
        return jdbc.sql("UPDATE customer SET first_name = COALESCE(?, first_name), last_name = COALESCE(?, last_name), "
                        + "company_name = COALESCE(?, company_name), vat_number = COALESCE(?, vat_number), "
                        + "fiscal_code = COALESCE(?, fiscal_code), pec = COALESCE(?, pec), "
                        + "sdi_code = COALESCE(?, sdi_code), phone = COALESCE(?, phone), kind = ?, "
                        + "erp_state = 'PENDING', updated_at = ? WHERE id = ? AND NOT ("
                        + "COALESCE(first_name, '') = COALESCE(?, first_name, '') "
                        + "AND COALESCE(last_name, '') = COALESCE(?, last_name, '') "
                        + "AND COALESCE(company_name, '') = COALESCE(?, company_name, '') "
                        + "AND COALESCE(vat_number, '') = COALESCE(?, vat_number, '') "
                        + "AND COALESCE(fiscal_code, '') = COALESCE(?, fiscal_code, '') "
                        + "AND COALESCE(pec, '') = COALESCE(?, pec, '') "
                        + "AND COALESCE(sdi_code, '') = COALESCE(?, sdi_code, '') "
                        + "AND COALESCE(phone, '') = COALESCE(?, phone, '') AND kind = ?)")
                .params(customer.firstName(), customer.lastName(), customer.companyName(), customer.vatNumber(),
                        customer.fiscalCode(), customer.pec(), customer.sdiCode(), customer.phone(),
                        customer.kind().name(), Timestamps.of(Instant.now()), id,
                        customer.firstName(), customer.lastName(), customer.companyName(), customer.vatNumber(),
                        customer.fiscalCode(), customer.pec(), customer.sdiCode(), customer.phone(),
                        customer.kind().name())
                .update() > 0;
    }

    /** A shop customer of an account and the hub customer it is. */
    public record Binding(String shopCustomerId, long customerId) {
    }

    /** Every customer the hub knows from this account (registered shop customers; guests have no binding). */
    public List<Binding> bindings(String accountId) {
        return jdbc.sql("SELECT shop_customer_id, customer_id FROM customer_shop_binding WHERE account_id = ? "
                        + "ORDER BY customer_id")
                .param(accountId).query((rs, n) -> new Binding(rs.getString(1), rs.getLong(2))).list();
    }

    public void bind(String accountId, String shopCustomerId, long customerId) {
        if (findBound(accountId, shopCustomerId).isEmpty()) {
            jdbc.sql("INSERT INTO customer_shop_binding (account_id, shop_customer_id, customer_id) VALUES (?, ?, ?)")
                    .params(accountId, shopCustomerId, customerId).update();
        }
    }

    /** Stores the address once per customer and kind, however many orders repeat it. */
    public void addAddress(long customerId, String kind, Address address) {
        if (address == null) {
            return;
        }
        String fingerprint = address.fingerprint();
        boolean known = jdbc.sql("SELECT COUNT(*) FROM customer_address WHERE customer_id = ? AND kind = ? "
                        + "AND fingerprint = ?")
                .params(customerId, kind, fingerprint).query(Long.class).single() > 0;
        if (!known) {
            // insert or adopt: the same address may arrive from another node's order at the same moment
            insertOrAdopt.insert(() -> jdbc.sql("INSERT INTO customer_address (customer_id, kind, fingerprint, first_name, last_name, company, "
                            + "street, city, postcode, province, country, phone, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(customerId, kind, fingerprint, address.firstName(), address.lastName(), address.company(),
                            address.street(), address.city(), address.postcode(), address.province(),
                            address.country(), address.phone(), Timestamps.of(Instant.now()))
                    .update());
        }
    }

    public Optional<CustomerRecord> get(long id) {
        return jdbc.sql("SELECT * FROM customer WHERE id = ?").param(id)
                .query((rs, n) -> new CustomerRecord(rs.getLong("id"), rs.getString("email"),
                        CustomerKind.valueOf(rs.getString("kind")), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("company_name"), rs.getString("vat_number"),
                        rs.getString("fiscal_code"), rs.getString("pec"), rs.getString("sdi_code"),
                        rs.getString("phone"), rs.getString("erp_code"), rs.getString("erp_state"),
                        rs.getString("erp_reason")))
                .optional();
    }

    /** Customers whose creation or change has not reached the ERP yet, oldest first. */
    public List<Long> pendingErp() {
        return jdbc.sql("SELECT id FROM customer WHERE erp_state = 'PENDING' ORDER BY id").query(Long.class).list();
    }

    /** The account of the customer's first order: its settings decide how the ERP files the customer. */
    public Optional<String> firstAccount(long id) {
        return jdbc.sql("SELECT account_id FROM shop_order WHERE customer_id = ? ORDER BY id LIMIT 1").param(id)
                .query(String.class).optional();
    }

    /**
     * Claims a customer for writing into the ERP, unless a living hub process holds it (see
     * {@link ErpClaims}). The claim ends when the customer is coded or its push fails.
     */
    public ErpClaims.Claim claimForErp(long id) {
        return ErpClaims.claim(jdbc, nodes, "customer", "1 = 1", id);
    }

    /** Customers claimed by a hub process that is gone: writes of unknown outcome, to resume. */
    public long abandonedClaims() {
        return ErpClaims.abandoned(jdbc, nodes, "customer", "erp_state = 'PENDING'");
    }

    /** Every customer waiting for the ERP gets the reason it still waits (e.g. the ERP refused the hub's login). */
    public void stillPending(String reason) {
        jdbc.sql("UPDATE customer SET erp_reason = ? WHERE erp_state = 'PENDING'").param(truncate(reason)).update();
    }

    /** The customer is in the ERP under this code; returns once that is committed (with others arriving meanwhile). */
    public void erpCoded(long id, String erpCode) {
        coded.write(new Coded(id, erpCode));
    }

    private void erpCodedNow(Coded customer) {
        long id = customer.id();
        String erpCode = customer.erpCode();
        jdbc.sql("UPDATE customer SET erp_code = ?, erp_state = 'SYNCED', erp_reason = NULL, " + ErpClaims.RELEASE
                        + " WHERE id = ?")
                .params(erpCode, id).update();
    }

    public void erpFailed(long id, String reason) {
        jdbc.sql("UPDATE customer SET erp_reason = ?, " + ErpClaims.RELEASE + " WHERE id = ?")
                .params(truncate(reason), id).update();
    }

    public List<StoredAddress> storedAddresses(long customerId, String kind) {
        return jdbc.sql("SELECT * FROM customer_address WHERE customer_id = ? AND kind = ? ORDER BY id")
                .params(customerId, kind)
                .query((rs, n) -> new StoredAddress(rs.getLong("id"), new Address(rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("company"), rs.getString("street"),
                        rs.getString("city"), rs.getString("postcode"), rs.getString("province"),
                        rs.getString("country"), rs.getString("phone")), rs.getString("erp_code")))
                .list();
    }

    public void addressErpCoded(long addressId, String erpCode) {
        jdbc.sql("UPDATE customer_address SET erp_code = ? WHERE id = ?").params(erpCode, addressId).update();
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 2000 ? value : value.substring(0, 2000);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }
}
