package io.sincro.sync;

import io.sincro.erp.ErpPull;
import io.sincro.store.ErpMirror;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The pulls of a full or delta ERP sync into the hub's mirror of the ERP: the ERP port reads page by page,
 * and each page is written here as it arrives.
 */
@Component
class ErpPulls {

    private final ErpPull pull;
    private final ErpMirror mirror;

    ErpPulls(ErpPull pull, ErpMirror mirror) {
        this.pull = pull;
        this.mirror = mirror;
    }

    Map<String, Object> lookupTables(long runId) {
        return pull.lookupTables((kind, rows) -> mirror.replaceLookups(kind, rows.stream()
                .map(r -> new ErpMirror.Lookup(r.kind(), r.code(), r.description(), r.data(), r.parentCode()))
                .toList(), runId));
    }

    ErpPull.Pulled articles(String since, long runId) {
        return pull.articles(since, (articles, prices) -> {
            mirror.upsertArticles(articles.stream().map(a -> new ErpMirror.ErpArticle(a.code(), a.description(),
                    a.vatCode(), a.unit(), a.category(), a.erpModified(), a.published(), a.attributes())).toList(), runId);
            mirror.upsertPrices(prices.stream().map(p -> new ErpMirror.Price(p.articleCode(), p.priceList(), p.price()))
                    .toList());
        });
    }

    ErpPull.Pulled stock(String since) {
        return pull.stock(since, stock -> mirror.upsertStock(stock.stream().map(s -> new ErpMirror.Stock(
                s.articleCode(), s.warehouse(), s.onHand(), s.available(), s.erpModified())).toList()));
    }

    ErpPull.Pulled customers(String since) {
        return pull.customers(since, customers -> mirror.refreshCustomers(customers.stream()
                .map(c -> new ErpMirror.ErpCustomer(c.erpCode(), c.paymentCode(), c.priceList(), c.vatNumber(),
                        c.fiscalCode(), c.pec(), c.sdiCode(), c.erpModified()))
                .toList()));
    }
}
