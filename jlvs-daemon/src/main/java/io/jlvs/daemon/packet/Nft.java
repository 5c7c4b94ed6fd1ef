package io.jlvs.daemon.packet;

import java.io.IOException;

/** The one privileged operation of the kernel guard: apply an nft script as one transaction. */
@FunctionalInterface
public interface Nft {

    /** Applies the script atomically (all of it or, on failure, none of it). */
    void apply(String script) throws IOException;
}
