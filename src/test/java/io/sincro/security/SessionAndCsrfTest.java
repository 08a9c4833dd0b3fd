package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.HubClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * People log in at /login and keep a session; a change made with that session needs the CSRF token,
 * so a page on another site cannot make the browser change anything — nor can a "simple" cross-site
 * POST (a form or text/plain body, which needs no preflight) without a session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SessionAndCsrfTest {

    static final String FORGED_ACCOUNT = """
            {"id": "%s", "name": "Forged", "platform": "MAGENTO", "baseUrl": "https://attacker.example",
             "storeCode": "default", "credentials": {"mode": "BEARER", "accessToken": "stolen"}}""";

    @LocalServerPort
    int port;

    HubClient admin;

    @BeforeEach
    void connect() {
        admin = new HubClient(port);
    }

    @Test
    void aUserLogsInAndReadsWithTheSession() {
        String name = Keys.user(admin, "VIEWER");
        HubClient browser = admin.withSession();

        HubClient.Response login = browser.login(name, Keys.PASSWORD);
        HubClient.Response session = browser.get("/api/session");

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .contains("JSESSIONID").containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        assertThat(session.body().path("principal").asText()).isEqualTo("user:" + name);
        assertThat(session.body().path("role").asText()).isEqualTo("VIEWER");
        assertThat(session.body().path("csrf").path("token").asText()).isNotBlank();
        assertThat(browser.get("/api/runs").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordGetsNoSession() {
        String name = Keys.user(admin, "ADMIN");
        HubClient browser = admin.withSession();

        browser.login(name, "not the password at all");

        assertThat(browser.get("/api/runs").status()).isEqualTo(401);
    }

    @Test
    void aChangeMadeWithASessionNeedsTheCsrfToken() {
        HubClient browser = admin.withSession();
        browser.login(Keys.user(admin, "ADMIN"), Keys.PASSWORD);
        String id = "csrf-" + System.nanoTime();

        HubClient.Response withoutToken = browser.post("/api/accounts", FORGED_ACCOUNT.formatted(id));

        assertThat(withoutToken.status()).as(withoutToken.text()).isEqualTo(403);
        assertThat(withoutToken.body().path("detail").asText()).contains("CSRF");
        assertThat(admin.get("/api/accounts/" + id).status()).isEqualTo(404);

        String token = browser.get("/api/session").body().path("csrf").path("token").asText();
        HubClient.Response withToken = browser.withCsrfToken(token).post("/api/accounts/no-such-account/sync/orders",
                null);
        assertThat(withToken.status()).as(withToken.text()).isEqualTo(404);
    }

    @Test
    void aSimpleCrossSitePostChangesNothing() {
        HubClient browser = admin.withSession();
        browser.login(Keys.user(admin, "ADMIN"), Keys.PASSWORD);
        String viaText = "text-" + System.nanoTime();
        String viaForm = "form-" + System.nanoTime();
        int runsBefore = admin.get("/api/runs").body().size();

        // what a page on another site can make a browser send without a preflight: text/plain and form bodies
        HubClient.Response textWithSession = browser.send("POST", "/api/accounts", "text/plain",
                FORGED_ACCOUNT.formatted(viaText), Map.of("Origin", "https://attacker.example"));
        HubClient.Response formWithSession = browser.send("POST", "/api/erp/sync/partial",
                "application/x-www-form-urlencoded", "a=b", Map.of("Origin", "https://attacker.example"));
        HubClient.Response textWithoutSession = admin.anonymous().send("POST", "/api/accounts", "text/plain",
                FORGED_ACCOUNT.formatted(viaForm), Map.of("Origin", "https://attacker.example"));
        HubClient.Response formWithoutSession = admin.anonymous().send("POST", "/api/erp/sync/partial",
                "application/x-www-form-urlencoded", "a=b", Map.of("Origin", "https://attacker.example"));

        assertThat(textWithSession.status()).isEqualTo(403);
        assertThat(formWithSession.status()).isEqualTo(403);
        assertThat(textWithoutSession.status()).isEqualTo(401);
        assertThat(formWithoutSession.status()).isEqualTo(401);
        assertThat(admin.get("/api/accounts/" + viaText).status()).isEqualTo(404);
        assertThat(admin.get("/api/accounts/" + viaForm).status()).isEqualTo(404);
        assertThat(admin.get("/api/runs").body().size()).isEqualTo(runsBefore);
    }

    @Test
    void aDeletedUsersSessionEndsAtItsNextRequest() {
        String name = Keys.user(admin, "OPERATOR");
        HubClient browser = admin.withSession();
        browser.login(name, Keys.PASSWORD);
        assertThat(browser.get("/api/runs").status()).isEqualTo(200);

        assertThat(admin.delete("/api/users/" + name).status()).isEqualTo(204);

        assertThat(browser.get("/api/runs").status()).isEqualTo(401);
        assertThat(admin.withSession().login(name, Keys.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).contains("error"));
    }

    @Test
    void aUserNeedsAPasswordOfTwelveCharactersAndAKnownRole() {
        assertThat(admin.post("/api/users", Map.of("username", "shorty", "password", "short", "role", "ADMIN"))
                .status()).isEqualTo(400);
        assertThat(admin.post("/api/users", Map.of("username", "kingy", "password", "long enough password",
                "role", "KING")).status()).isEqualTo(400);
        String name = Keys.user(admin, "VIEWER");
        assertThat(admin.post("/api/users", Map.of("username", name, "password", "another long password",
                "role", "VIEWER")).status()).isEqualTo(409);
        assertThat(admin.get("/api/users").text()).doesNotContain(Keys.PASSWORD).doesNotContain("bcrypt");
    }
}
