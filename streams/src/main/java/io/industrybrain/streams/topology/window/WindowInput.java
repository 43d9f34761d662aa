package io.industrybrain.streams.topology.window;

/**
 * What the aggregator receives from the late gate: an event to count, or word that stream time has moved without
 * one. A marker can move stream time on its own, and the windows it closes must get their closing records then,
 * not when the next event happens to arrive.
 */
public sealed interface WindowInput permits CandidateEvent, StreamTimeAdvanced {

    /** The window stage's stream time after this input. */
    long streamTime();
}
