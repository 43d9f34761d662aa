package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.internal.AdmittedEvent;

/**
 * An admitted event of an open window, past the late gate.
 *
 * @param lateInGrace its window was still open but stream time had passed the window's end
 * @param streamTime  the window stage's stream time once the gate had taken the event into account: windows it
 *                    closes are closed after the event is counted (its own window is never among them)
 */
public record CandidateEvent(AdmittedEvent event, boolean lateInGrace, long streamTime) implements WindowInput { }
