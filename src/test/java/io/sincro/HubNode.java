package io.sincro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole hub started by a test as a node would be (its own Camel context, Quartz scheduler, web
 * server and node id) on the database the test names; several can share one database.
 */
public final class HubNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private HubNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param properties on top of the "test" profile, e.g. the database URL and the node id */
    public static HubNode start(Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(io.sincro.SincroApplication.class)
                .profiles("test").run(args.toArray(String[]::new));
        return new HubNode(context);
    }

    public HubClient client() {
        return new HubClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
