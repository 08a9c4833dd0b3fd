package io.sincro.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.stereotype.Component;

/**
 * The API's operations as the REST DSL declares them (method, URI template, id), to name what a
 * request did in the audit log: {@code POST /api/accounts/shop-it/sync/orders} is operation
 * {@code sync-orders} on target {@code shop-it}.
 */
@Component
public class RestOperations {

    /** @param target the value of the path's first variable, if any */
    public record Match(String operation, String target) {
    }

    record Operation(String method, String template, String id, Pattern pattern) {
    }

    private final CamelContext camel;
    private volatile List<Operation> operations;

    public RestOperations(CamelContext camel) {
        this.camel = camel;
    }

    public Match find(String method, String path) {
        for (Operation operation : operations()) {
            Matcher matcher = operation.pattern().matcher(path);
            if (operation.method().equals(method) && matcher.matches()) {
                return new Match(operation.id() != null ? operation.id() : method + " " + operation.template(),
                        matcher.groupCount() > 0 ? matcher.group(1) : null);
            }
        }
        return new Match(method + " " + path, null);
    }

    /** Every verb of every REST definition, with its full URI template. */
    public List<Operation> operations() {
        List<Operation> known = operations;
        if (known == null) {
            List<Operation> found = new ArrayList<>();
            for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
                for (VerbDefinition verb : rest.getVerbs()) {
                    String template = join(rest.getPath(), verb.getPath());
                    found.add(new Operation(verb.asVerb().toUpperCase(Locale.ROOT), template, verb.getId(),
                            pattern(template)));
                }
            }
            // an exact path before a templated one: /api/erp/schedule/preview is not /api/erp/sync/{kind}
            found.sort((a, b) -> Long.compare(a.template().chars().filter(c -> c == '{').count(),
                    b.template().chars().filter(c -> c == '{').count()));
            known = List.copyOf(found);
            operations = known;
        }
        return known;
    }

    static String join(String base, String path) {
        String left = base == null ? "" : base;
        String right = path == null ? "" : path;
        if (right.isEmpty()) {
            return left;
        }
        return (left.endsWith("/") ? left.substring(0, left.length() - 1) : left)
                + (right.startsWith("/") ? right : "/" + right);
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variables = Pattern.compile("\\{[^}]+}").matcher(template);
        int last = 0;
        while (variables.find()) {
            regex.append(Pattern.quote(template.substring(last, variables.start()))).append("([^/]+)");
            last = variables.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
