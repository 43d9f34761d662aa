package io.industrybrain.streams.topology.window;

/**
 * Stream time moved on a watermark marker; windows it closed can be finalized.
 *
 * @param streamTime stream time after the move
 */
public record StreamTimeAdvanced(long streamTime) implements WindowInput { }
