package io.industrybrain.streams.topology.intake;

/** Which event topic a record came from, and so which contract record its bytes hold. */
public enum EventKind { TELEMETRY, PRODUCTION, SHIFT, PROCESS }
