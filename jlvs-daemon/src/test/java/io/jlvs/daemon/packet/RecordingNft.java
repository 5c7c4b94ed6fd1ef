package io.jlvs.daemon.packet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An {@link Nft} for tests: records every script; fails the next ones when told how many. */
final class RecordingNft implements Nft {
    final List<String> scripts = new ArrayList<>();
    int failures;

    @Override
    public void apply(String script) throws IOException {
        scripts.add(script);
        if (failures > 0) {
            failures--;
            throw new IOException("nft exited 1: Error: Could not process rule");
        }
    }
}
