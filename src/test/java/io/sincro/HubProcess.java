package io.sincro;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole hub in a JVM of its own (the test's classpath, the "test" profile), for what only another
 * process can show: a node killed outright, with no chance to release anything.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the hub and waits until it answers its health check. */
    public static HubProcess start(String name, Map<String, String> properties) {
        int port = freePort();
        Path log = Path.of("target", "test-logs", "hub-process-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-Xshare:off", "-cp", classpath(), SincroApplication.class.getName(),
                "--spring.profiles.active=test", "--server.port=" + port,
                "--logging.file.name=target/test-logs/hub-process-" + name + "-app.log"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            HubProcess hub = new HubProcess(process, port, log);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("hub process " + name + " ended at start; see " + log);
                }
                try {
                    // ready to serve (the whole health may be 503 for a reason of its own: the ERP login guard)
                    return hub.client().anonymous().get("/actuator/health/readiness").status() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HubClient client() {
        return new HubClient(port);
    }

    /** What the hub wrote on its console (standard output and error) so far. */
    public String console() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As a power cut or {@code kill -9} would: no shutdown hook runs, nothing is released. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Surefire hands the forked JVM a one-entry classpath and the real one in this property. */
    private static String classpath() {
        String tests = System.getProperty("surefire.test.class.path");
        return tests != null && !tests.isBlank() ? tests : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "hub process on port " + port + " (log " + log + ")";
    }
}
