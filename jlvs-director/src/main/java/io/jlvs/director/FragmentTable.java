package io.jlvs.director;

/**
 * Which connection the later fragments of a datagram belong to. IPVS sees whole datagrams (the
 * kernel reassembles before it); jlvsd forwards fragments as they come instead: the first fragment
 * carries the ports, so it is looked up and scheduled as any packet, and its datagram's identity
 * (family, source, destination, protocol, identification) is remembered here for
 * {@link #LIFETIME_NANOS}; the later fragments, which carry no ports, follow it to the same real
 * server, rewritten at the IP layer only. A later fragment that arrives before its first one is
 * dropped (counted FRAGMENT), as is one whose datagram is unknown. Primitive arrays, open
 * addressing; a full table forgets the oldest datagrams first by overwriting expired cells only
 * (new datagrams are then not remembered). Owned by the worker's thread; allocates nothing.
 */
final class FragmentTable {
    /** The kernel's ipfrag_time is 30 s; fragments of one datagram travel together in practice. */
    static final long LIFETIME_NANOS = 5_000_000_000L;
    static final int NONE = -1;

    private final int mask;
    private final int[] keys;
    private final long[] expires;
    private final int[] slots;
    private final byte[] direction;
    private final boolean[] used;

    /** @param capacity datagrams remembered at once (rounded up to a power of two, filled to half) */
    FragmentTable(int capacity) {
        int cells = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        mask = cells - 1;
        keys = new int[cells * 11];
        expires = new long[cells];
        slots = new int[cells];
        direction = new byte[cells];
        used = new boolean[cells];
    }

    /**
     * Remembers a datagram's connection slot and direction (a PacketDirection value); when the
     * probe meets only live cells the datagram is not remembered.
     */
    void remember(int family, int[] source, int[] destination, int protocol, int identification, int slot,
                  int packetDirection, long nowNanos) {
        int h = hash(family, source, destination, protocol, identification);
        for (int probe = 0, i = h & mask; probe < 16; probe++, i = (i + 1) & mask) {
            if (!used[i] || nowNanos - expires[i] >= 0 || matches(i, family, source, destination, protocol,
                    identification)) {
                int k = i * 11;
                keys[k] = family;
                keys[k + 1] = protocol;
                keys[k + 2] = identification;
                System.arraycopy(source, 0, keys, k + 3, 4);
                System.arraycopy(destination, 0, keys, k + 7, 4);
                expires[i] = nowNanos + LIFETIME_NANOS;
                slots[i] = slot;
                direction[i] = (byte) packetDirection;
                used[i] = true;
                return;
            }
        }
    }

    /** The cell of a datagram remembered and not expired, or NONE. */
    int find(int family, int[] source, int[] destination, int protocol, int identification, long nowNanos) {
        int h = hash(family, source, destination, protocol, identification);
        for (int probe = 0, i = h & mask; probe < 16 && used[i]; probe++, i = (i + 1) & mask) {
            if (nowNanos - expires[i] < 0 && matches(i, family, source, destination, protocol, identification)) {
                return i;
            }
        }
        return NONE;
    }

    /** The connection slot of a found cell. */
    int slot(int cell) {
        return slots[cell];
    }

    /** The direction of a found cell's datagram. */
    int direction(int cell) {
        return direction[cell];
    }

    private boolean matches(int i, int family, int[] source, int[] destination, int protocol, int identification) {
        int k = i * 11;
        return keys[k] == family && keys[k + 1] == protocol && keys[k + 2] == identification
                && keys[k + 3] == source[0] && keys[k + 4] == source[1] && keys[k + 5] == source[2]
                && keys[k + 6] == source[3] && keys[k + 7] == destination[0] && keys[k + 8] == destination[1]
                && keys[k + 9] == destination[2] && keys[k + 10] == destination[3];
    }

    private static int hash(int family, int[] source, int[] destination, int protocol, int identification) {
        int h = (family * 31 + protocol) * 0x9E3779B9 + identification;
        for (int i = 0; i < 4; i++) {
            h = (h ^ source[i]) * 0x85EBCA6B;
            h = (h ^ destination[i]) * 0xC2B2AE35;
        }
        return h ^ (h >>> 16);
    }
}
