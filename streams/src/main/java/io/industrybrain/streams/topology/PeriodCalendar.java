package io.industrybrain.streams.topology;

import io.industrybrain.schema.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The calendar periods of {@code period.zone}: a window belongs to the day, month, quarter and year holding its start,
 * each from midnight to midnight in the zone, so that a day in {@code Asia/Shanghai} is [16:00Z, 16:00Z) and a day in
 * a zone with daylight saving time has 23 or 25 hours when the clocks change.
 */
public final class PeriodCalendar {

    /** The period kinds, in the order the period states keep them. */
    public static final List<Period> KINDS = List.of(Period.DAY, Period.MONTH, Period.QUARTER, Period.YEAR);

    /** One period: its kind, its first day and its bounds as epoch milliseconds, [start, end). */
    public record Span(Period period, LocalDate firstDay, long start, long end) { }

    private final ZoneId zone;

    public PeriodCalendar(ZoneId zone) {
        this.zone = zone;
    }

    /** The periods holding an instant, in {@link #KINDS} order. */
    public List<Span> spansOf(long instant) {
        LocalDate day = Instant.ofEpochMilli(instant).atZone(zone).toLocalDate();
        return KINDS.stream().map(kind -> span(kind, day)).toList();
    }

    /** The period of a kind holding an instant. */
    public Span spanOf(Period kind, long instant) {
        return span(kind, Instant.ofEpochMilli(instant).atZone(zone).toLocalDate());
    }

    private Span span(Period kind, LocalDate day) {
        LocalDate first = switch (kind) {
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
            case WINDOW -> throw new IllegalArgumentException("a window is not a calendar period");
        };
        LocalDate next = switch (kind) {
            case DAY -> first.plusDays(1);
            case MONTH -> first.plusMonths(1);
            case QUARTER -> first.plusMonths(3);
            default -> first.plusYears(1);
        };
        return new Span(kind, first, millis(first), millis(next));
    }

    private long millis(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public ZoneId zone() {
        return zone;
    }
}
