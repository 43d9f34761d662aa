package io.industrybrain.app.livepage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.app.http.HttpApi;
import io.industrybrain.app.http.StaticFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live page in headless Chromium, served by the app's own {@link StaticFiles} route beside a
 * stand-in of the query API: what the page shows equals what the API answers, it follows a revision
 * without a reload, and it says so when there is nothing to show yet. Saves
 * {@code target/screenshots/live-page-stand-in.png}; the README's image is the running app's
 * ({@code LivePageAppIT}).
 */
class LivePageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOT = Path.of("target/screenshots/live-page-stand-in.png");

    private static HttpApi http;
    private static StandInQueryApi standIn;
    private static QueryApiClient api;
    private static HeadlessChromium browser;

    @BeforeAll
    static void serveAndStartBrowser() throws IOException {
        http = new HttpApi(0);
        http.route("/", new StaticFiles("web"));
        standIn = new StandInQueryApi(StandInQueryApi.zhejiang());
        standIn.register(http);
        http.start();
        api = new QueryApiClient(baseUrl());
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            http.close();
        }
    }

    private static String baseUrl() {
        return "http://localhost:" + http.port();
    }

    /** The page asks for a refresh every second, so that a change shows within the test's patience. */
    private static LivePage open() {
        return browser.open(baseUrl() + "/?refresh=1");
    }

    @Test
    void showsTheQueryApisNumbersAndFollowsARevisionLive() throws IOException {
        standIn.show(StandInQueryApi.zhejiang());
        LivePage page = open();

        await().alias("the page shows what the query API answers").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> PageShowsApi.assertAgrees(page, api));

        // The same numbers worked out by hand from the stand-in's data.
        LivePage.View view = page.view();
        assertEquals("2026-11-23 14:00–15:00", view.provinceWindow());
        assertEquals("暂定 provisional · rev 3", view.provinceStatus());
        assertEquals("25.3", view.indicator("annualizedLaborProductivity", "latest"), "25.25 rounds half up");
        assertEquals("-7.9", view.indicator("annualizedLaborProductivity", "gap"), "25.25 - 33.1");
        assertEquals("25.1", view.indicator("annualizedLaborProductivity", "final"), "an hour earlier: 25.1 - 0.04");
        assertEquals("68.3%", view.indicator("fullyDigitizedRate", "latest"), "82 of 120");
        assertEquals("-11.7 pp", view.indicator("fullyDigitizedRate", "gap"), "68.33 % - 80 %");
        assertEquals("-19.4 pp", view.indicator("cloudAdoptionRate", "gap"), "60.6 % - 80 %, worked out by the page: the pipeline gave no gap");
        assertEquals("1.01", view.indicator("energyIntensity", "latest"), "1.006");
        assertEquals("—", view.indicator("energyIntensity", "target"));
        assertEquals("-994", view.indicator("smartFactoryEnterprises", "gap"), "6 - 1000");
        assertEquals("suppressed", view.scopeCell("region-table", "ZS", "annualizedLaborProductivity"));
        assertEquals("—", view.scopeCell("region-table", "LS", "annualizedLaborProductivity"));
        assertEquals("—", view.scopeCell("chain-table", "INTELLIGENT_COMPUTING", "qualityRate"));
        assertEquals("1,283,400", view.outcome("brain.telemetry", "consumed"));
        assertEquals("492", view.outcome("brain.telemetry", "deadLetteredTotal"));
        assertTrue(view.chartValues("chart-productivity").contains(" | — | "), "the window without production is a gap, not a zero");
        assertEquals("live", view.connectionState());
        assertFalse(view.visible("token-form"), "no token is asked for where the API asks for none");

        browser.fitWindowToPage();
        int shown = page.view().refreshes();
        await().alias("a refresh after the resize").atMost(TIMEOUT).until(() -> page.view().refreshes() > shown);
        browser.screenshot(SCREENSHOT);

        standIn.show(StandInQueryApi.zhejiangRevised());

        await().alias("the page follows the revision without a reload").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> PageShowsApi.assertAgrees(page, api));
        LivePage.View revised = page.view();
        assertEquals("4", revised.provinceRevision());
        assertEquals("25.7", revised.indicator("annualizedLaborProductivity", "latest"));
        assertEquals("69.2%", revised.indicator("fullyDigitizedRate", "latest"), "83 of 120");
        assertEquals("false", revised.outcomeBalanced("brain.production"));
        assertEquals("✘ 不平衡 not balanced", revised.outcome("brain.production", "balanced"));
        assertEquals("4", revised.outcome("brain.production", "ignoredTotal"), "4 LATE + 0 INVALID");
        assertEquals("0", revised.outcome("brain.telemetry", "ignoredTotal"), "no ignored outcomes listed: none");
    }

    @Test
    void beforeRollUpsEveryCellReadsADashAndTheMissingPartsAreNamed() {
        standIn.show(StandInQueryApi.enterprisesOnly());
        LivePage page = open();

        await().alias("the page rendered the enterprise count").atMost(TIMEOUT).until(() -> page.view().enterpriseCount().equals("37"));

        LivePage.View view = page.view();
        assertTrue(view.visible("province-empty"));
        assertTrue(view.text("province-empty").contains("No province roll-up yet"), view.text("province-empty"));
        assertEquals("", view.provinceWindowStart());
        assertEquals("", view.provinceStatus());
        for (PageFormat.Indicator indicator : PageFormat.INDICATORS) {
            assertEquals("—", view.indicator(indicator.key(), "latest"), indicator.key());
            assertEquals("—", view.indicator(indicator.key(), "gap"), indicator.key());
        }
        assertEquals("0", view.chartPoints("chart-productivity"));
        assertEquals("", view.chartValues("chart-productivity"));
        assertEquals(PageShowsApi.CITIES, view.scopeIds("region-table"), "the 11 cities, in order, even without data");
        assertEquals(PageShowsApi.SIGNATURE_CHAINS, view.scopeIds("chain-table"));
        assertEquals("—", view.scopeCell("region-table", "HZ", "availability"));
        assertTrue(view.visible("regions-empty"));
        assertTrue(view.text("outcomes-empty").contains("/api/outcomes answered HTTP 503"), view.text("outcomes-empty"));
        assertEquals(List.of(), view.outcomeTopics());
        assertEquals("partial", view.connectionState());
        assertFalse(view.bodyText().contains("NaN"));
        assertFalse(view.bodyText().contains("undefined"));
    }
}
