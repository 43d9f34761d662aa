package io.industrybrain.app.livepage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The live page as the browser shows it, read through the ids and data attributes the page promises.
 * The page re-renders every second, so it is read in one script run ({@link #view()}): a consistent
 * picture of one render, where reading element by element would race the next one.
 */
public final class LivePage {

    /** Collects every text and attribute the tests read, keyed as {@link View} looks them up. */
    private static final String READ = """
            const out = {};
            const text = (node) => (node ? node.innerText.trim() : null);
            const rows = (selector) => Array.from(document.querySelectorAll(selector));
            out['body'] = document.body.innerText;
            out['refreshes'] = document.body.dataset.refreshes;
            out['connection'] = document.getElementById('connection').dataset.state;
            for (const id of ['enterprise-count', 'province-window', 'province-status', 'province-empty', 'trends-empty',
                              'regions-empty', 'chains-empty', 'outcomes-empty', 'token-form',
                              'year-period', 'year-status', 'year-empty', 'year-figures', 'year-coverage']) {
              const node = document.getElementById(id);
              out['#' + id] = text(node);
              out['#' + id + ':visible'] = String(!node.hidden);
            }
            out['province:windowStart'] = document.getElementById('province').dataset.windowStart;
            out['province:revision'] = document.getElementById('province-status').dataset.revision || '';
            out['year:windowStart'] = document.getElementById('year').dataset.windowStart;
            const planned = [];
            for (const row of rows('#year-indicators tbody tr[data-metric]')) {
              planned.push(row.dataset.metric);
              for (const cell of row.querySelectorAll('td[data-role]')) {
                out['year:' + row.dataset.metric + ':' + cell.dataset.role] = text(cell);
                if (cell.dataset.onTrack) out['year:' + row.dataset.metric + ':' + cell.dataset.role + ':onTrack'] = cell.dataset.onTrack;
              }
            }
            out['rows:year-indicators'] = planned.join(',');
            for (const table of ['month-table', 'year-region-table', 'year-chain-table']) {
              const ids = [];
              for (const row of rows('#' + table + ' tbody tr')) {
                ids.push(row.dataset.id);
                for (const cell of row.querySelectorAll('td')) {
                  out['period:' + table + ':' + row.dataset.id + ':' + (cell.dataset.metric || cell.dataset.role)] = text(cell);
                }
              }
              out['rows:' + table] = ids.join(',');
            }
            for (const cell of document.querySelectorAll('#indicators tr[data-metric] td[data-role]')) {
              out['indicator:' + cell.parentElement.dataset.metric + ':' + cell.dataset.role] = text(cell);
            }
            for (const figure of document.querySelectorAll('#trends figure')) {
              out['chart:' + figure.id + ':points'] = figure.dataset.points;
              out['chart:' + figure.id + ':values'] = figure.dataset.values;
            }
            for (const table of ['region-table', 'chain-table']) {
              const ids = [];
              for (const row of rows('#' + table + ' tbody tr')) {
                ids.push(row.dataset.scopeId);
                for (const cell of row.querySelectorAll('td')) {
                  const key = cell.dataset.metric || cell.dataset.role;
                  out['scope:' + table + ':' + row.dataset.scopeId + ':' + key] = text(cell);
                }
              }
              out['rows:' + table] = ids.join(',');
            }
            const topics = [];
            for (const row of rows('#outcome-table tbody tr')) {
              topics.push(row.dataset.topic);
              out['outcome:' + row.dataset.topic + ':balanced?'] = row.dataset.balanced;
              for (const cell of row.querySelectorAll('td[data-field]')) {
                out['outcome:' + row.dataset.topic + ':' + cell.dataset.field] = text(cell);
              }
            }
            out['rows:outcomes'] = topics.join(',');
            return out;
            """;

    private final WebDriver driver;

    LivePage(WebDriver driver) {
        this.driver = driver;
    }

    /** Types a token into the page's token form and sends it, as a person given the token would. */
    public void enterToken(String token) {
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button")).click();
    }

    /** The address the browser shows. */
    public String address() {
        return driver.getCurrentUrl();
    }

    @SuppressWarnings("unchecked")
    public View view() {
        return new View((Map<String, Object>) ((JavascriptExecutor) driver).executeScript(READ));
    }

    /** One reading of the page. A key the page does not have reads as null. */
    public record View(Map<String, Object> values) {

        private String get(String key) {
            Object value = values.get(key);
            return value == null ? null : value.toString();
        }

        private List<String> list(String key) {
            String joined = get(key);
            return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
        }

        /** How many times the page has fetched and rendered the API's answers. */
        public int refreshes() { return Integer.parseInt(get("refreshes")); }

        public String connectionState() { return get("connection"); }

        public String bodyText() { return get("body"); }

        /** The text of an element by id, e.g. {@code province-empty}. */
        public String text(String id) { return get("#" + id); }

        public boolean visible(String id) { return Boolean.parseBoolean(get("#" + id + ":visible")); }

        public String enterpriseCount() { return text("enterprise-count"); }

        public String provinceWindowStart() { return get("province:windowStart"); }

        public String provinceWindow() { return text("province-window"); }

        public String provinceStatus() { return text("province-status"); }

        public String provinceRevision() { return get("province:revision"); }

        /** role: latest, final, target, gap or due. */
        public String indicator(String metric, String role) { return get("indicator:" + metric + ":" + role); }

        public String chartPoints(String figureId) { return get("chart:" + figureId + ":points"); }

        public String chartValues(String figureId) { return get("chart:" + figureId + ":values"); }

        /** tableId: region-table or chain-table; the scope ids of its rows, in order. */
        public List<String> scopeIds(String tableId) { return list("rows:" + tableId); }

        /** column: a metric, {@code enterprises}, {@code window} or {@code status}. */
        public String scopeCell(String tableId, String scopeId, String column) { return get("scope:" + tableId + ":" + scopeId + ":" + column); }

        public String yearWindowStart() { return get("year:windowStart"); }

        /** The metrics of the year-to-date table's rows, in order. */
        public List<String> yearIndicators() { return list("rows:year-indicators"); }

        /** role: value, baseline, target, gap, trajectory, pace or due. */
        public String yearIndicator(String metric, String role) { return get("year:" + metric + ":" + role); }

        /** "true" or "false" where the cell says whether the gap is progress; null where it has no gap. */
        public String yearOnTrack(String metric, String role) { return get("year:" + metric + ":" + role + ":onTrack"); }

        /** tableId: month-table, year-region-table or year-chain-table; its rows' ids (months yyyy-MM, scope ids), in order. */
        public List<String> periodRows(String tableId) { return list("rows:" + tableId); }

        /** column: a metric, {@code coverage}, {@code enterprises}, {@code through} or {@code status}. */
        public String periodCell(String tableId, String id, String column) { return get("period:" + tableId + ":" + id + ":" + column); }

        public List<String> outcomeTopics() { return list("rows:outcomes"); }

        /** field: consumed, accepted, duplicates, deadLettered.REASON, deadLetteredTotal, inFlight or balanced. */
        public String outcome(String topic, String field) { return get("outcome:" + topic + ":" + field); }

        public String outcomeBalanced(String topic) { return get("outcome:" + topic + ":balanced?"); }
    }
}
