package io.storelink.magento2;

import io.storelink.api.ConnectionCheck;
import io.storelink.api.ConnectionCheck.Outcome;
import io.storelink.api.ConnectionCheck.Step;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Set;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Every diagnosis of the connection test, against the sandbox and, for odd answers, a fixture server. */
final class Magento2ConnectionCheckTest {

    private MagentoSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(3).orderCount(5).token(TOKEN, Acl.ALL).build().start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void passesEveryStepAgainstAWorkingStore() {
        ConnectionCheck check = check(Magento2TestSupport.values(sandbox.baseUrl()));

        assertThat(check.passed()).isTrue();
        assertThat(check.steps()).extracting(Step::code, Step::outcome).containsExactly(
                tuple("magento2.url-reachable", Outcome.PASSED),
                tuple("magento2.https", Outcome.PASSED),
                tuple("magento2.rest-api", Outcome.PASSED),
                tuple("magento2.token-accepted", Outcome.PASSED),
                tuple("magento2.orders-readable", Outcome.PASSED),
                tuple("magento2.store-view", Outcome.SKIPPED));
        assertThat(step(check, "magento2.orders-readable").detail()).contains("5 orders");
        assertThat(step(check, "magento2.store-view").detail()).contains("No Store View Code set");
    }

    @Test
    void findsTheStoreViewCode() {
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.STORE_VIEW_CODE, "fr");

        Step step = step(check(values), "magento2.store-view");

        assertThat(step.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(step.detail()).contains("fr").contains("store id 3");
    }

    @Test
    void explainsTheBearerSettingWhenMagentoRefusesIntegrationTokens() {
        sandbox.setBearerDisabled(true);

        ConnectionCheck check = check(Magento2TestSupport.values(sandbox.baseUrl()));

        Step token = step(check, "magento2.token-accepted");
        assertThat(token.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(token.detail()).contains("The consumer isn't authorized to access Magento_Sales::actions_view.");
        assertThat(token.remedy()).contains("Allow OAuth Access Tokens to be used as standalone Bearer tokens")
                .contains("Stores > Configuration > Services > OAuth > Consumer Settings")
                .contains("bin/magento config:set oauth/consumer/enable_integration_as_bearer 1")
                .contains("Magento_Sales::actions_view").contains("Magento_Sales::ship")
                .contains("Magento_Sales::shipment").contains("Magento_Backend::store");
        assertThat(check.steps()).extracting(Step::code, Step::outcome).endsWith(
                tuple("magento2.orders-readable", Outcome.SKIPPED),
                tuple("magento2.store-view", Outcome.SKIPPED));
    }

    @Test
    void failsTheTokenStepForATokenWithoutTheOrdersAclResource() {
        sandbox.grant(TOKEN, Set.of(Acl.SHIP));

        Step token = step(check(Magento2TestSupport.values(sandbox.baseUrl())), "magento2.token-accepted");

        assertThat(token.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(token.detail()).contains("HTTP 401").contains("Magento_Sales::actions_view");
    }

    @Test
    void listsTheKnownCodesForAnUnknownStoreViewCode() {
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.STORE_VIEW_CODE, "nl");

        ConnectionCheck check = check(values);

        Step step = step(check, "magento2.store-view");
        assertThat(step.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(step.detail()).contains("nl").contains("default, de, fr");
        assertThat(step.remedy()).contains("Store View Code");
        assertThat(step(check, "magento2.orders-readable").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void namesTheAclResourceAStoreViewCodeNeeds() {
        sandbox.grant(TOKEN, Set.of(Acl.ORDERS_VIEW));
        Map<String, Object> values = Magento2TestSupport.values(sandbox.baseUrl());
        values.put(Magento2Platform.STORE_VIEW_CODE, "de");

        Step step = step(check(values), "magento2.store-view");

        assertThat(step.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(step.remedy()).contains("Magento_Backend::store");
    }

    @Test
    void reportsAWrongStoreUrlPathAsAMissingRoute() {
        Map<String, Object> values = Magento2TestSupport.values(URI.create(sandbox.baseUrl() + "/rest"));

        ConnectionCheck check = check(values);

        Step rest = step(check, "magento2.rest-api");
        assertThat(rest.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rest.detail()).contains("404").contains("Request does not match any route.")
                .contains("Store URL is wrong");
        assertThat(rest.remedy()).contains("/rest/V1");
        assertThat(step(check, "magento2.token-accepted").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void reportsAStorefrontPageInsteadOfTheRestApi() {
        sandbox.faults().inject(Fault.html());

        Step rest = step(check(Magento2TestSupport.values(sandbox.baseUrl())), "magento2.rest-api");

        assertThat(rest.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rest.detail()).contains("answers with an HTML page, not the Magento REST API; check the Store URL");
    }

    @Test
    void reportsAStoreUrlWithAPathThatServesStorefrontPages() {
        Step rest = step(check(Magento2TestSupport.values(URI.create(sandbox.baseUrl() + "/shop"))),
                "magento2.rest-api");

        assertThat(rest.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rest.detail()).contains("HTML page").contains("404");
    }

    @Test
    void reportsALoginPageInFrontOfTheStore() {
        try (FixtureServer server = new FixtureServer().respond(200, "text/html; charset=UTF-8",
                "<!DOCTYPE html><html><body><form action=\"/login\"><input name=\"password\"></form></body></html>",
                Map.of())) {
            Step rest = step(check(Magento2TestSupport.values(server.baseUrl())), "magento2.rest-api");

            assertThat(rest.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(rest.detail()).contains("answers with an HTML page");
        }
    }

    @Test
    void reportsARedirectWithItsTarget() {
        try (FixtureServer server = new FixtureServer().respond(301, "text/plain", "",
                Map.of("Location", "https://www.shop.example.com/rest/V1/orders"))) {
            Step rest = step(check(Magento2TestSupport.values(server.baseUrl())), "magento2.rest-api");

            assertThat(rest.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(rest.detail()).contains("301").contains("https://www.shop.example.com");
        }
    }

    @Test
    void reportsAStoreThatCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ConnectionCheck check = check(Magento2TestSupport.values(URI.create("http://127.0.0.1:" + closedPort)));

        assertThat(check.passed()).isFalse();
        assertThat(check.steps().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check.steps().get(0).detail()).contains("Cannot connect");
        assertThat(check.steps().subList(1, 6)).allSatisfy(step -> assertThat(step.outcome())
                .isEqualTo(Outcome.SKIPPED));
    }

    @Test
    void reportsATlsFailure() {
        ConnectionCheck check = check(Magento2TestSupport.values(URI.create("https://127.0.0.1:" + sandbox.port())));

        assertThat(check.steps().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check.steps().get(0).detail()).contains("TLS");
    }

    private static ConnectionCheck check(Map<String, Object> values) {
        try (Magento2Connector connector = new Magento2Connector(Magento2TestSupport.config(values),
                Magento2TestSupport.context())) {
            return connector.check();
        }
    }

    private static Step step(ConnectionCheck check, String code) {
        return check.steps().stream().filter(step -> step.code().equals(code)).findFirst().orElseThrow();
    }
}
