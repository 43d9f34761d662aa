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
 * stand-in of the query API: what the page shows equals what the API answers, windows and the year to
 * date alike, it follows a revision without a reload, and it says so when there is nothing to show yet. Saves
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
    void theYearToDateShowsThePlanAgainstTargetAndTrajectoryMonthByMonthAndTheCitiesAndChains() {
        standIn.show(StandInQueryApi.zhejiang());
        LivePage page = open();

        await().alias("the page shows what the query API answers").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> PageShowsApi.assertAgrees(page, api));

        // The same numbers worked out by hand from the stand-in's data.
        LivePage.View view = page.view();
        assertEquals("2026 · 截至 through 2026-11-23 14:00", view.text("year-period"), "covered until 06:00Z, 14:00 China time");
        assertEquals("暂定 provisional · rev 1873", view.text("year-status"));
        assertEquals("覆盖 Coverage: 来自全省 91.0% 的注册企业 from 91.0% of the province's registered enterprises (182 of 200)",
                view.text("year-coverage"));
        assertEquals(List.of("annualizedLaborProductivity", "cloudAdoptionRate", "fullyDigitizedRate", "smartFactoryEnterprises"),
                view.yearIndicators(), "the indicators with a province target");

        assertEquals("23.5", view.yearIndicator("annualizedLaborProductivity", "value"), "23.46");
        assertEquals("17.1 (2022-12-31)", view.yearIndicator("annualizedLaborProductivity", "baseline"));
        assertEquals("-9.6", view.yearIndicator("annualizedLaborProductivity", "gap"), "23.46 - 33.1");
        assertEquals("-6.1", view.yearIndicator("annualizedLaborProductivity", "trajectory"), "23.46 - 29.565 on the line");
        assertEquals("✘ 落后 behind", view.yearIndicator("annualizedLaborProductivity", "pace"));
        assertEquals("2027-12-31", view.yearIndicator("annualizedLaborProductivity", "due"));

        assertEquals("77.1%", view.yearIndicator("fullyDigitizedRate", "value"), "0.7712");
        assertEquals("62.0% (2022-12-31)", view.yearIndicator("fullyDigitizedRate", "baseline"));
        assertEquals("80.0%", view.yearIndicator("fullyDigitizedRate", "target"));
        assertEquals("-2.9 pp", view.yearIndicator("fullyDigitizedRate", "gap"), "77.12 % - 80 %");
        assertEquals("false", view.yearOnTrack("fullyDigitizedRate", "gap"), "below the target");
        assertEquals("+1.1 pp", view.yearIndicator("fullyDigitizedRate", "trajectory"), "77.12 % - 76.02 % on the line");
        assertEquals("true", view.yearOnTrack("fullyDigitizedRate", "trajectory"), "but ahead of the line to it");
        assertEquals("✔ 按计划 on track", view.yearIndicator("fullyDigitizedRate", "pace"));

        assertEquals("65.5%", view.yearIndicator("cloudAdoptionRate", "value"));
        assertEquals("-14.5 pp", view.yearIndicator("cloudAdoptionRate", "gap"), "65.5 % - 80 %");
        assertEquals("—", view.yearIndicator("cloudAdoptionRate", "baseline"), "a target without a baseline");
        assertEquals("—", view.yearIndicator("cloudAdoptionRate", "trajectory"), "has no trajectory");
        assertEquals("—", view.yearIndicator("cloudAdoptionRate", "pace"));
        assertEquals(null, view.yearOnTrack("cloudAdoptionRate", "pace"), "and no pace to colour");

        assertEquals("41", view.yearIndicator("smartFactoryEnterprises", "value"));
        assertEquals("8 (2022-12-31)", view.yearIndicator("smartFactoryEnterprises", "baseline"));
        assertEquals("1,000", view.yearIndicator("smartFactoryEnterprises", "target"));
        assertEquals("-959", view.yearIndicator("smartFactoryEnterprises", "gap"), "41 - 1000");
        assertEquals("-740", view.yearIndicator("smartFactoryEnterprises", "trajectory"), "41 - 780.84 on the line");

        assertEquals(List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
                "2026-10", "2026-11"), view.periodRows("month-table"), "January to November in order; December 2025 is another year");
        assertEquals("—", view.periodCell("month-table", "2026-03", "annualizedLaborProductivity"), "March without production reports");
        assertEquals("最终 final · rev 744", view.periodCell("month-table", "2026-10", "status"));
        assertEquals("24.5", view.periodCell("month-table", "2026-10", "annualizedLaborProductivity"), "22 + 0.25 × 10");
        assertEquals("2026-11-01 00:00", view.periodCell("month-table", "2026-10", "through"), "a final month is covered to its end");
        assertEquals("暂定 provisional · rev 410", view.periodCell("month-table", "2026-11", "status"));
        assertEquals("81.0%", view.periodCell("month-table", "2026-11", "fullyDigitizedRate"));
        assertEquals("90.5%", view.periodCell("month-table", "2026-11", "coverage"), "181 of 200");
        assertEquals("2026-11-23 14:00", view.periodCell("month-table", "2026-11", "through"));
        assertEquals("41", view.periodCell("month-table", "2026-11", "smartFactoryEnterprises"), "30 + 11");

        assertEquals(PageShowsApi.CITIES, view.periodRows("year-region-table"), "the 11 cities, in order");
        assertEquals("93.3%", view.periodCell("year-region-table", "HZ", "coverage"), "28 of 30");
        assertEquals("21.0", view.periodCell("year-region-table", "HZ", "annualizedLaborProductivity"));
        assertEquals("60.0%", view.periodCell("year-region-table", "HZ", "fullyDigitizedRate"));
        assertEquals("2026-11-23 14:00", view.periodCell("year-region-table", "HZ", "through"));
        assertEquals("—", view.periodCell("year-region-table", "QZ", "annualizedLaborProductivity"), "Quzhou's newest year is 2025");
        assertEquals("—", view.periodCell("year-region-table", "QZ", "coverage"));
        assertEquals("suppressed", view.periodCell("year-region-table", "ZS", "annualizedLaborProductivity"), "2 enterprises");
        assertEquals("50.0%", view.periodCell("year-region-table", "ZS", "coverage"), "2 of 4: coverage stays on a suppressed group");
        assertEquals("—", view.periodCell("year-region-table", "LS", "enterprises"), "Lishui has no YEAR record");
        assertEquals("27.4", view.periodCell("year-chain-table", "TEXTILES", "annualizedLaborProductivity"), "20.5 + 2.3 × 3");
        assertEquals("90.9%", view.periodCell("year-chain-table", "TEXTILES", "coverage"), "40 of 44");
        assertEquals("—", view.periodCell("year-chain-table", "INTELLIGENT_COMPUTING", "fullyDigitizedRate"));
        assertEquals("live", view.connectionState());
    }

    @Test
    void withoutPeriodRecordsAndWhileTheHistoryLoadsTheYearToDateSaysThereAreNoFiguresYet() {
        standIn.show(StandInQueryApi.zhejiang().withPeriods(StandInQueryApi.Periods.NONE));
        LivePage page = open();

        await().alias("the page rendered the province").atMost(TIMEOUT)
                .until(() -> page.view().provinceWindow().equals("2026-11-23 14:00–15:00"));
        LivePage.View none = page.view();
        assertTrue(none.visible("year-empty"));
        assertEquals("尚无年度累计 No year-to-date figures yet: they appear once the year's first window has closed everywhere.",
                none.text("year-empty"));
        assertFalse(none.visible("year-figures"));
        assertEquals("", none.text("year-period"));
        assertEquals("live", none.connectionState(), "404: no records yet, not a failure");

        standIn.show(StandInQueryApi.zhejiang().withPeriods(StandInQueryApi.Periods.NOT_READABLE));

        await().alias("the page says the period history is loading").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> page.view().text("year-empty").contains("loading"));
        LivePage.View loading = page.view();
        assertEquals("尚无年度累计 No year-to-date figures yet: the app is still loading its period history; retrying.",
                loading.text("year-empty"));
        assertFalse(loading.visible("year-figures"));
        assertEquals("partial", loading.connectionState(), "503: part of the API cannot answer yet");
        assertEquals("25.3", loading.indicator("annualizedLaborProductivity", "latest"), "the windows are shown meanwhile");
        assertFalse(loading.bodyText().contains("NaN"));
        assertFalse(loading.bodyText().contains("undefined"));
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
        assertTrue(view.text("year-empty").startsWith(PageShowsApi.NO_YEAR_TO_DATE), view.text("year-empty"));
        assertFalse(view.visible("year-figures"));
        assertFalse(view.bodyText().contains("NaN"));
        assertFalse(view.bodyText().contains("undefined"));
    }
}
