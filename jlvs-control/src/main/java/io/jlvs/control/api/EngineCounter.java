package io.jlvs.control.api;

import java.util.Objects;

/** One named counter of the data plane (the packet engine's frames, forwarded and dropped by reason). */
public record EngineCounter(String name, long value) {
    public EngineCounter {
        Objects.requireNonNull(name, "name");
    }
}
