package io.industrybrain.app.livepage;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the live page promises to write the query API's values, written from the page's rules (not
 * from its script) so that the browser test can say what text a value must become: ratios as percent
 * with one decimal, productivity with one, energy intensity with two, counts grouped by thousands,
 * half away from zero on the exact double, "—" for null and "suppressed" for a suppressed group;
 * times in China Standard Time; a gap (to the target or the trajectory) is progress by its sign, the
 * way the indicator improves (energy intensity downwards, the others upwards).
 */
final class PageFormat {

    enum Kind { PERCENT, DECIMAL, COUNT }

    record Indicator(String key, Kind kind, int digits) { }

    /** The ten indicators, in the page's order. */
    static final List<Indicator> INDICATORS = List.of(
            new Indicator("annualizedLaborProductivity", Kind.DECIMAL, 1),
            new Indicator("cloudAdoptionRate", Kind.PERCENT, 1),
            new Indicator("fullyDigitizedRate", Kind.PERCENT, 1),
            new Indicator("digitizedProcessRatio", Kind.PERCENT, 1),
            new Indicator("ncRatio", Kind.PERCENT, 1),
            new Indicator("deviceCloudRatio", Kind.PERCENT, 1),
            new Indicator("qualityRate", Kind.PERCENT, 1),
            new Indicator("availability", Kind.PERCENT, 1),
            new Indicator("energyIntensity", Kind.DECIMAL, 2),
            new Indicator("smartFactoryEnterprises", Kind.COUNT, 0));

    static final String MISSING = "—";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy");
    /** The plan's indicators the year-to-date view shows when no province target names them. */
    static final List<String> PLAN_INDICATORS = List.of("annualizedLaborProductivity", "fullyDigitizedRate", "smartFactoryEnterprises");

    private PageFormat() { }

    static String fixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    static String grouped(double value) {
        return String.format(Locale.ROOT, "%,d", new BigDecimal(value).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private static String number(Indicator indicator, double value) {
        return switch (indicator.kind()) {
            case PERCENT -> fixed(value * 100, 1);
            case COUNT -> grouped(value);
            case DECIMAL -> fixed(value, indicator.digits());
        };
    }

    static String value(Indicator indicator, double value) {
        return number(indicator, value) + (indicator.kind() == Kind.PERCENT ? "%" : "");
    }

    /** A record's value of the indicator as a cell shows it; a null record is a row without data. */
    static String cell(Indicator indicator, JsonNode record) {
        if (record == null) {
            return MISSING;
        }
        JsonNode value = record.path(indicator.key());
        if (value.isNumber()) {
            return value(indicator, value.asDouble());
        }
        return record.path("suppressed").asBoolean() ? "suppressed" : MISSING;
    }

    static String gap(Indicator indicator, Double gap) {
        if (gap == null) {
            return MISSING;
        }
        String magnitude = number(indicator, Math.abs(gap));
        boolean zero = new BigDecimal(magnitude.replace(",", "")).signum() == 0;
        return (zero ? "" : gap > 0 ? "+" : "-") + magnitude + (indicator.kind() == Kind.PERCENT ? " pp" : "");
    }

    /** A ratio as a percent with one decimal, as coverage is shown. */
    static String percent(JsonNode ratio) {
        return ratio.isNumber() ? fixed(ratio.asDouble() * 100, 1) + "%" : MISSING;
    }

    /** Whether a gap is progress; null without a gap. */
    static Boolean progressing(Indicator indicator, Double gap) {
        return gap == null ? null : indicator.key().equals("energyIntensity") ? gap <= 0 : gap >= 0;
    }

    static String pace(Boolean onTrack) {
        return onTrack == null ? MISSING : onTrack ? "✔ 按计划 on track" : "✘ 落后 behind";
    }

    /** A target's baseline and its date, e.g. "62.0% (2022-12-31)". */
    static String baseline(Indicator indicator, JsonNode target) {
        if (target == null || !target.path("baseline").isNumber()) {
            return MISSING;
        }
        JsonNode date = target.path("baselineDate");
        return value(indicator, target.path("baseline").asDouble()) + (date.isTextual() || date.isNumber() ? " (" + due(date) + ")" : "");
    }

    /** The year's coverage line: the share of the province's registered enterprises its figures are drawn from. */
    static String coverage(JsonNode record) {
        if (!record.path("coverage").isNumber()) {
            return "报告企业 Enterprises reporting " + count(record.path("enterprises")) + "; 注册企业数未知 the registered enterprises are not known";
        }
        String share = percent(record.path("coverage"));
        return "覆盖 Coverage: 来自全省 " + share + " 的注册企业 from " + share + " of the province's registered enterprises ("
                + count(record.path("enterprises")) + " of " + count(record.path("registeredEnterprises")) + ")";
    }

    /** How far a period record is covered, to the minute: its coveredUntil. */
    static String through(JsonNode record) {
        JsonNode until = record.path("coveredUntil");
        return until.isTextual() ? MINUTE.format(Instant.parse(until.asText()).atOffset(CHINA)) : MISSING;
    }

    static String month(JsonNode record) {
        return MONTH.format(Instant.parse(record.path("windowStart").asText()).atOffset(CHINA));
    }

    /** The year-to-date heading: the year and how far it is covered. */
    static String yearPeriod(JsonNode record) {
        return YEAR.format(Instant.parse(record.path("windowStart").asText()).atOffset(CHINA)) + " · 截至 through " + through(record);
    }

    static String count(JsonNode value) {
        return value.isNumber() ? grouped(value.asDouble()) : MISSING;
    }

    static String window(JsonNode record) {
        Instant start = Instant.parse(record.path("windowStart").asText());
        Instant end = Instant.parse(record.path("windowEnd").asText());
        var s = start.atOffset(CHINA);
        var e = end.atOffset(CHINA);
        return Duration.between(start, end).compareTo(Duration.ofDays(1)) < 0
                ? DATE.format(s) + " " + TIME.format(s) + "–" + TIME.format(e)
                : DATE.format(s) + " " + TIME.format(s) + " – " + DATE.format(e) + " " + TIME.format(e);
    }

    static String status(JsonNode record) {
        return (record.path("final").asBoolean() ? "最终 final" : "暂定 provisional") + " · rev " + record.path("revision").asLong();
    }

    static String due(JsonNode dueDate) {
        if (dueDate == null || dueDate.isNull() || dueDate.isMissingNode()) {
            return MISSING;
        }
        return dueDate.isNumber() ? LocalDate.ofEpochDay(dueDate.asLong()).toString() : dueDate.asText();
    }

    /** The chart's values, oldest window first, as cells would show them. */
    static String series(Indicator indicator, List<JsonNode> newestFirst) {
        List<String> values = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            values.add(cell(indicator, newestFirst.get(i)));
        }
        return String.join(" | ", values);
    }
}
