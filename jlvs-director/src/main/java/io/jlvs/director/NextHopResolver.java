package io.jlvs.director;

/**
 * Where a packet to an address leaves the director, as the kernel's tables say (the route's
 * output interface and gateway, then the neighbour's Ethernet address): the privileged side of
 * next-hop resolution, called off the workers' threads. jlvsd implements it with rtnetlink; tests
 * with a fixed map.
 */
public interface NextHopResolver {

    /**
     * Resolves a destination, waiting (boundedly) for the neighbour to answer ARP or ND if needed.
     *
     * @param family 4 or 6
     * @param words  the address as four big-endian ints (IPv4 in word 0)
     * @return the output interface's index, the next hop's MAC (48 bits in a long) and the
     *         director's own address toward it (the route's preferred source)
     * @throws NextHopException naming why there is none (no route, no answer)
     */
    NextHop resolve(int family, int[] words) throws NextHopException;

    /**
     * An answer: the interface index to send by, the Ethernet address to send to, and the source
     * address the kernel would use (four big-endian words, IPv4 in word 0).
     */
    record NextHop(int interfaceIndex, long mac, int[] source) {
    }

    /** No next hop, with the reason. */
    final class NextHopException extends Exception {
        public NextHopException(String message) {
            super(message, null, false, false);
        }
    }
}
