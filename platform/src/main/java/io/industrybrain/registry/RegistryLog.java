package io.industrybrain.registry;

/**
 * The ordered, durable record of every registry change, shared by all registry instances. It feeds
 * every event, in order, to this instance's {@link RegistryState}. Failures are reported as
 * {@link RegistryException} with code 50001.
 */
interface RegistryLog extends AutoCloseable {

    /** Writes the event and returns once this instance's state has applied it, and all before it. */
    void append(RegistryEvent event);

    /** Returns once this instance's state has applied every event written, by any instance, before the call. */
    void catchUp();

    @Override
    void close();
}
