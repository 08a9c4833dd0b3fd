package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.contracts.WebApiContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator against the same description as the hub's client: it serves no resource or verb the WebAPI
 * description lacks (and offers a search exactly where the WebAPI has one), and its records carry only described
 * fields. Where the description lists no fields (the lookup tables), only the verbs are checked.
 */
class ErpSimulatorContractTest {

    private final WebApiContract contract = WebApiContract.load();

    @Test
    void everyResourceAndVerbTheSimulatorServesIsDescribed() {
        List<String> wrong = new ArrayList<>();
        for (ErpResource resource : ErpResource.values()) {
            var described = contract.resource(resource.path);
            if (described.isEmpty()) {
                wrong.add(resource.path + " is not described");
                continue;
            }
            check(wrong, resource, "list", true, described.get());
            check(wrong, resource, "search", resource.searchable, described.get());
            check(wrong, resource, "read", resource.readable, described.get());
            check(wrong, resource, "create", resource.creatable, described.get());
            check(wrong, resource, "update", resource.updatable, described.get());
            if (resource.searchable != described.get().has("search")) {
                wrong.add(resource.path + ": search " + (resource.searchable ? "served but not described"
                        : "described but refused"));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyFieldTheSimulatorKeepsIsDescribed() {
        List<String> wrong = new ArrayList<>();
        for (ErpResource resource : ErpResource.values()) {
            var described = contract.resource(resource.path).orElseThrow();
            if (described.fields() == null) {
                continue;
            }
            for (ErpFields.FieldSet set : resource.readFields()) {
                for (ErpFields.Field field : set.all()) {
                    boolean known = described.fields().containsKey(field.name())
                            || (described.rowFields() != null && described.rowFields().containsKey(field.name()));
                    if (!known) {
                        wrong.add(resource.path + "." + field.name());
                    }
                }
            }
        }
        assertThat(wrong).as("fields the simulator serves that the WebAPI description lacks").isEmpty();
    }

    private static void check(List<String> wrong, ErpResource resource, String kind, boolean served,
            WebApiContract.Resource described) {
        if (served && !described.has(kind)) {
            wrong.add(resource.path + ": " + kind + " served but not described");
        }
    }
}
