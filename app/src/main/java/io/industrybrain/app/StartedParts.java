package io.industrybrain.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start-up has started so far, to be closed newest first: on a clean stop, and when start-up
 * fails half-way, so that a refused setting never leaves a broker or a port behind.
 */
public final class StartedParts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Remembers a part that has started (or is about to: closing a part that never started must be harmless). */
    public void add(AutoCloseable part) {
        parts.push(part);
    }

    /** Closes every part, newest first; a part that fails to close is logged and the others still close. */
    @Override
    public void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
