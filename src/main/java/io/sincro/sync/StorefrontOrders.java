package io.sincro.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.model.Hold;
import io.sincro.model.Order;
import io.sincro.model.OrderState;
import io.sincro.shop.RawShopOrder;
import io.sincro.store.Orders;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.DecimalMaxDef;
import org.hibernate.validator.cfg.defs.DecimalMinDef;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.cfg.defs.NotEmptyDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Orders a storefront posts straight to the hub (seed 003): stored first, then inserted into the
 * ERP at once when it answers — no sync, no quota. When the ERP cannot take it, the order waits for
 * the next partial ERP sync. Posting the same order again changes nothing.
 */
@Component("storefrontOrders")
public class StorefrontOrders {

    /** What happened to a posted order. */
    public record Insertion(long orderId, OrderState state, String erpKey, Integer erpYear, String erpReason,
            List<Hold> holds, boolean alreadyKnown) {
    }

    private final OrderIntake intake;
    private final ErpPush push;
    private final Orders orders;
    private final ObjectMapper json;
    private final Validator rules;

    public StorefrontOrders(OrderIntake intake, ErpPush push, Orders orders, ObjectMapper json,
            @Value("${sincro.api.max-order-lines:500}") int maxLines) {
        this.intake = intake;
        this.push = push;
        this.orders = orders;
        this.json = json;
        this.rules = rules(maxLines);
    }

    /** What is wrong with a posted order (nothing is stored when anything is), each named by its path. */
    public Set<ConstraintViolation<Order>> violations(Order order) {
        return rules.validate(order);
    }

    /**
     * The rules a posted order must meet, as Bean Validation constraints declared here rather than on the
     * canonical model: they are the storefront API's limits (the shop connectors map what their shop
     * sends, and hold what they cannot use), sized to the store's columns.
     */
    private static Validator rules(int maxLines) {
        HibernateValidatorConfiguration config = Validation.byProvider(HibernateValidator.class).configure();
        ConstraintMapping m = config.createConstraintMapping();
        m.type(Order.class)
                .field("accountId").constraint(new NotBlankDef()).constraint(new SizeDef().max(64))
                .field("shopOrderId").constraint(new NotBlankDef()).constraint(new SizeDef().max(64))
                .field("number").constraint(new NotBlankDef()).constraint(new SizeDef().max(64))
                .field("shopStatus").constraint(new SizeDef().max(40))
                .field("currency").constraint(new PatternDef().regexp("[A-Z]{3}")
                        .message("must be an ISO 4217 code such as EUR"))
                .field("customer").constraint(new NotNullDef()).valid()
                .field("billing").constraint(new NotNullDef()).valid()
                .field("shipping").valid()
                .field("lines").constraint(new NotEmptyDef().message("must hold at least one article row"))
                        .constraint(new SizeDef().max(maxLines).message("must hold at most " + maxLines + " rows"))
                        .valid()
                .field("expenses").constraint(new SizeDef().max(20)).valid()
                .field("paymentMethod").constraint(new SizeDef().max(100))
                .field("carrier").constraint(new SizeDef().max(100))
                .field("grandTotal").constraint(notNegative()).constraint(atMost("1000000000"));
        m.type(OrderLine.class)
                .field("sku").constraint(new NotBlankDef()).constraint(new SizeDef().max(100))
                .field("name").constraint(new SizeDef().max(300))
                .field("quantity").constraint(new NotNullDef()).constraint(new DecimalMinDef().value("0")
                        .inclusive(false).message("must be more than 0")).constraint(atMost("1000000"))
                .field("unitPrice").constraint(new NotNullDef()).constraint(notNegative()).constraint(atMost("1000000000"))
                .field("discount").constraint(notNegative()).constraint(atMost("1000000000"))
                .field("vatRate").constraint(notNegative()).constraint(atMost("100"))
                .field("options").constraint(new SizeDef().max(1000));
        m.type(ExpenseRow.class)
                .field("kind").constraint(new NotNullDef())
                .field("code").constraint(new SizeDef().max(100))
                .field("description").constraint(new SizeDef().max(300))
                .field("amount").constraint(new NotNullDef()).constraint(new DecimalMinDef().value("-1000000000"))
                        .constraint(atMost("1000000000"))
                .field("vatRate").constraint(notNegative()).constraint(atMost("100"));
        m.type(OrderCustomer.class)
                .field("shopCustomerId").constraint(new SizeDef().max(64))
                .field("email").constraint(new SizeDef().max(320))
                .field("firstName").constraint(new SizeDef().max(200))
                .field("lastName").constraint(new SizeDef().max(200))
                .field("companyName").constraint(new SizeDef().max(200))
                .field("vatNumber").constraint(new SizeDef().max(32))
                .field("fiscalCode").constraint(new SizeDef().max(32))
                .field("pec").constraint(new SizeDef().max(320))
                .field("sdiCode").constraint(new SizeDef().max(7))
                .field("phone").constraint(new SizeDef().max(64));
        m.type(Address.class)
                .field("firstName").constraint(new SizeDef().max(200))
                .field("lastName").constraint(new SizeDef().max(200))
                .field("company").constraint(new SizeDef().max(200))
                .field("street").constraint(new SizeDef().max(500))
                .field("city").constraint(new SizeDef().max(200))
                .field("postcode").constraint(new SizeDef().max(20))
                .field("province").constraint(new SizeDef().max(64))
                .field("country").constraint(new PatternDef().regexp("[A-Za-z]{2}")
                        .message("must be a two-letter country code such as IT"))
                .field("phone").constraint(new SizeDef().max(64));
        return config.addMapping(m).buildValidatorFactory().getValidator();
    }

    private static DecimalMinDef notNegative() {
        return new DecimalMinDef().value("0").message("must be 0 or more");
    }

    private static DecimalMaxDef atMost(String value) {
        return new DecimalMaxDef().value(value).message("must be at most " + value);
    }

    public Insertion insert(Order order) {
        Optional<Orders.StoredOrder> known = orders.findByShopId(order.accountId(), order.shopOrderId());
        if (known.isPresent()) {
            return insertion(known.get(), true);
        }
        RawShopOrder raw = new RawShopOrder(order.accountId(), order.shopOrderId(), order.number(),
                order.updatedAt() == null ? Instant.now() : order.updatedAt(), json.valueToTree(order));
        OrderOutcome stored = intake.store(order, raw, null, null, null);
        if (stored.result() == OrderOutcome.Result.IMPORTED) {
            PushOutcome pushed = push.pushOrder(stored.orderId());
            if (!pushed.pushed() && pushed.result() != PushOutcome.Result.REJECTED) {
                orders.erpFailed(stored.orderId(), pushed.reason() + " — the next partial ERP sync delivers it");
            }
        }
        return insertion(orders.get(stored.orderId()).orElseThrow(), false);
    }

    private static Insertion insertion(Orders.StoredOrder order, boolean alreadyKnown) {
        return new Insertion(order.id(), order.state(), order.erpKey(), order.erpYear(), order.erpReason(),
                order.holds(), alreadyKnown);
    }
}
