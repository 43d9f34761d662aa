package io.industrybrain.simulator;

import java.time.Clock;

/**
 * A token bucket driven by the injected clock: permits accrue at the rate, up to a tenth of a
 * second's worth, so a caller that polls at least every 100 ms gets the full rate and one that
 * stalls does not make up for it in a burst. Consuming more than is available is allowed (a
 * fault may add records) and is paid back before new permits are handed out.
 */
final class RateLimiter {

    private final Clock clock;
    private final boolean unlimited;
    private final double permitsPerMilli;
    private final double capacity;
    private double permits;
    private long lastRefill;

    RateLimiter(double permitsPerSecond, Clock clock) {
        this.clock = clock;
        this.unlimited = Double.isInfinite(permitsPerSecond);
        this.permitsPerMilli = permitsPerSecond / 1000.0;
        this.capacity = Math.max(1.0, permitsPerSecond / 10.0);
        this.permits = unlimited ? 0 : capacity;
        this.lastRefill = clock.millis();
    }

    /** Whole permits available now; {@link Long#MAX_VALUE} when unlimited. */
    long available() {
        if (unlimited) {
            return Long.MAX_VALUE;
        }
        refill();
        return (long) Math.floor(permits);
    }

    void consume(long used) {
        if (!unlimited) {
            permits -= used;
        }
    }

    /** How long until a whole permit is available. */
    long millisUntilAvailable() {
        if (unlimited) {
            return 0;
        }
        refill();
        return permits >= 1.0 ? 0 : (long) Math.ceil((1.0 - permits) / permitsPerMilli);
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastRefill) {
            permits = Math.min(capacity, permits + (now - lastRefill) * permitsPerMilli);
            lastRefill = now;
        }
    }
}
