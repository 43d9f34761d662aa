package io.industrybrain.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link RegistryLog} in memory for unit tests: an append is applied at once. A test plays a second
 * registry instance by queuing events that land in the log just before the next append, after the
 * writer has read the state: exactly the window in which two instances race.
 */
final class InMemoryRegistryLog implements RegistryLog {

    private final RegistryState state;
    private final List<RegistryEvent> written = new ArrayList<>();
    private final Deque<RegistryEvent> fromOtherInstance = new ArrayDeque<>();

    InMemoryRegistryLog(RegistryState state) {
        this.state = state;
    }

    /** Lets {@code event} land in the log right before the next append. */
    void writeBeforeNextAppend(RegistryEvent event) {
        fromOtherInstance.add(event);
    }

    /** Every event in the log, in order, refused ones included. */
    List<RegistryEvent> written() {
        return List.copyOf(written);
    }

    @Override
    public void append(RegistryEvent event) {
        while (!fromOtherInstance.isEmpty()) {
            write(fromOtherInstance.poll());
        }
        write(event);
    }

    private void write(RegistryEvent event) {
        written.add(event);
        state.apply(event);
    }

    @Override
    public void catchUp() {
        // Nothing is in flight: appends are applied at once.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
