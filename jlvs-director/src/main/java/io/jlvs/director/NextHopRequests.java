package io.jlvs.director;

/**
 * Where a worker asks for a next hop to be resolved (the worker's side of {@link NextHopResolver}):
 * the answer comes back later as a task on the worker's thread. Called once per next hop and
 * refresh, not per packet.
 */
interface NextHopRequests {

    /** Asks for next-hop entry entry, the address (family 4 or 6, four words), to be resolved. */
    void request(int entry, int family, int w0, int w1, int w2, int w3);
}
