package io.jlvs.control.api;

/** Anything a client sends to jlvsd: a {@link Command} that changes state, or a {@link Query}. */
public sealed interface Request permits Command, Query {
}
