package io.industrybrain.streams.topology;

import io.industrybrain.streams.topology.deadletter.DeadLetter;

/**
 * The output of a step that can reject: either the value passes on, or the input record goes to the
 * dead-letter topic. The topology splits the two into separate branches.
 */
public sealed interface Routed<T> {

    record Pass<T>(T value) implements Routed<T> { }

    record Dead<T>(DeadLetter letter) implements Routed<T> { }
}
