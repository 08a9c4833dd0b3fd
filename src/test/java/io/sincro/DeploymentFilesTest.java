package io.sincro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files say what the README says, without a Docker engine: every variable docker-compose
 * reads or sets for the hub is in the README's configuration reference, the hub restarts by itself and
 * has a healthcheck on a probe that needs no key, its image runs as an unprivileged user, and the build
 * context leaves out the store, the build output and the history (but not the jar the image copies).
 */
public class DeploymentFilesTest {

    static final Path ROOT = Path.of(".");

    @Test
    void everyVariableOfTheComposeFileIsInTheReadmesConfigurationReference() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> variables = new TreeSet<>();
        Matcher reference = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(compose);
        while (reference.find()) {
            variables.add(reference.group(1));
        }
        variables.addAll(environment(hub(compose)).keySet());
        String configuration = section(Files.readString(ROOT.resolve("README.md")), "## Configuration reference");

        assertThat(variables).contains("SINCRO_ERP_COMPANY", "SINCRO_DB_PASSWORD", "SINCRO_SECRETS_KEY");
        assertThat(variables).allSatisfy(variable -> assertThat(configuration).as(variable)
                .contains("`" + variable + "`"));
    }

    @Test
    void theHubRestartsByItselfAndItsHealthcheckProbesReadiness() throws IOException {
        Map<String, Object> hub = hub(Files.readString(ROOT.resolve("docker-compose.yml")));

        assertThat(hub.get("restart")).isEqualTo("unless-stopped");
        @SuppressWarnings("unchecked")
        Map<String, Object> healthcheck = (Map<String, Object>) hub.get("healthcheck");
        assertThat(healthcheck).isNotNull();
        assertThat(String.join(" ", healthProbe(healthcheck))).contains("http://localhost:8080"
                + healthPath());
    }

    @Test
    void theImageRunsTheHubWithTheJvmOptionsTheBuildRunsItWith() throws IOException {
        Matcher pom = Pattern.compile("<hub\\.jvm\\.options>([^<]*)</hub\\.jvm\\.options>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pom.find()).as("pom.xml sets hub.jvm.options").isTrue();
        List<String> image = Files.readAllLines(ROOT.resolve("Dockerfile")).stream().map(String::strip)
                .filter(line -> line.startsWith("ENV JDK_JAVA_OPTIONS=")).toList();

        assertThat(image).as("the Dockerfile's JDK_JAVA_OPTIONS").hasSize(1);
        assertThat(image.get(0).substring("ENV JDK_JAVA_OPTIONS=".length()).replace("\"", "").strip())
                .isEqualTo(pom.group(1).strip()).isNotEmpty();
    }

    @Test
    void theImageRunsAsAnUnprivilegedUser() throws IOException {
        List<String> users = Files.readAllLines(ROOT.resolve("Dockerfile")).stream().map(String::strip)
                .filter(line -> line.startsWith("USER ")).map(line -> line.substring(5).strip()).toList();

        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).isNotIn("root", "0", "0:0", "root:root");
    }

    @Test
    void theBuildContextLeavesOutTheStoreTheBuildOutputAndTheHistoryButNotWhatTheImageCopies() throws IOException {
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(ignored(ignore, "data/sincro.script")).isTrue();
        assertThat(ignored(ignore, "data/sincro.key")).isTrue();
        assertThat(ignored(ignore, ".git/HEAD")).isTrue();
        assertThat(ignored(ignore, "target/classes/application.properties")).isTrue();
        assertThat(ignored(ignore, "target/surefire-reports/x.txt")).isTrue();
        for (String source : copySources()) {
            String example = source.replace("*", "0.1.0-SNAPSHOT");
            assertThat(ignored(ignore, example)).as("the Dockerfile copies " + source).isFalse();
        }
    }

    /** The path of the health probe the compose file checks: one that answers anyone. */
    public static String healthPath() {
        return "/actuator/health/readiness";
    }

    @SuppressWarnings("unchecked")
    static List<String> healthProbe(Map<String, Object> healthcheck) {
        Object test = healthcheck.get("test");
        return test instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(test));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> hub(String compose) {
        Map<String, Object> document = new Yaml().load(compose);
        return (Map<String, Object>) ((Map<String, Object>) document.get("services")).get("hub");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    /** A README section: from its heading to the next heading of the same level. */
    static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The sources of the Dockerfile's COPY instructions (the last word is the destination). */
    static List<String> copySources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 3 && words[0].equals("COPY")) {
                for (int i = 1; i < words.length - 1; i++) {
                    if (!words[i].startsWith("--")) {
                        sources.add(words[i]);
                    }
                }
            }
        }
        return sources;
    }

    /**
     * Docker's rule: each pattern (a glob; a trailing / or a directory matches what is under it) is checked
     * in order, the last that matches decides, and a leading ! includes again.
     */
    static boolean ignored(List<String> patterns, String path) {
        boolean ignored = false;
        for (String line : patterns) {
            boolean include = line.startsWith("!");
            String pattern = (include ? line.substring(1) : line).replaceAll("/+$", "");
            if (matches(pattern, path)) {
                ignored = !include;
            }
        }
        return ignored;
    }

    private static boolean matches(String pattern, String path) {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        // a pattern matching a directory matches everything under it
        for (Path p = Path.of(path); p != null; p = p.getParent()) {
            if (glob.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
