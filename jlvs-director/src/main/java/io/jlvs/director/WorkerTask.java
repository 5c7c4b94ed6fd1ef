package io.jlvs.director;

import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.TableSnapshot;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the control plane asks of one worker, as data: queued by {@link PacketEngine} and carried
 * out on the worker's thread between two batches of frames, in the order queued.
 */
sealed interface WorkerTask {

    /** Apply the commands in order; complete done, or fail it with the EngineRejection. */
    record Apply(List<EngineCommand> commands, CompletableFuture<Void> done) implements WorkerTask {
    }

    /** Copy the service table with its counters. */
    record Snapshot(CompletableFuture<TableSnapshot> answer) implements WorkerTask {
    }

    /** Copy one page of connection entries from the worker's own slot fromSlot on. */
    record CopyConnections(ConnectionPage page, int fromSlot, CompletableFuture<ConnectionPage> answer)
            implements WorkerTask {
    }

    /** Read the forwarding counters (a copy). */
    record ReadCounters(CompletableFuture<ForwardingCounters> answer) implements WorkerTask {
    }

    /** A next hop the worker asked for was resolved (interfaceIndex NONE: it failed). */
    record NextHopResolved(int entry, int interfaceIndex, long mac, int[] source) implements WorkerTask {
    }
}
