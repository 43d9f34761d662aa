package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.internal.AdmittedEvent;

/**
 * An admitted event inside the window stage, with what the steps before the aggregator found out.
 *
 * @param lateInGrace its window was still open but stream time had passed the window's end
 * @param duplicate   an event with the same duplicate key was already counted in its window
 */
public record CandidateEvent(AdmittedEvent event, boolean lateInGrace, boolean duplicate) implements WindowInput {

    public CandidateEvent asDuplicate() {
        return new CandidateEvent(event, lateInGrace, true);
    }
}
