package io.jlvs.director;

/**
 * One worker's next hops: for a destination address (a real server, or a client for replies), the
 * port to send by and the Ethernet address of the next hop (the host itself, or the router the
 * kernel's route names). Primitive arrays with open addressing and linear probing, no object per
 * entry. Entries are filled by the {@link NextHopResolver} off the worker's thread and delivered
 * as tasks; a miss makes a PENDING entry, so the frames that follow wait without asking again.
 * Entries are refreshed after {@link #REFRESH_NANOS} (frames keep flowing meanwhile) and a failed
 * resolution is retried after {@link #RETRY_NANOS}. Owned by the worker's thread.
 */
final class NextHopTable {
    /** No entry, or the table is full. */
    static final int NONE = -1;
    /** Entry states. */
    static final byte PENDING = 1;
    static final byte RESOLVED = 2;
    static final byte FAILED = 3;

    static final long REFRESH_NANOS = 30_000_000_000L;
    static final long RETRY_NANOS = 1_000_000_000L;

    private final int mask;
    private final int limit;
    private final int[] words;
    private final byte[] family;
    private final byte[] state;
    private final int[] port;
    private final long[] mac;
    /** The director's own address toward the next hop (the route's preferred source), 4 words. */
    private final int[] source;
    private final long[] checkAt;
    private int size;

    /** @param capacity the most next hops (rounded up to a power of two; the table fills to half) */
    NextHopTable(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        this.mask = slots - 1;
        this.limit = slots / 2;
        this.words = new int[slots * 4];
        this.family = new byte[slots];
        this.state = new byte[slots];
        this.port = new int[slots];
        this.mac = new long[slots];
        this.source = new int[slots * 4];
        this.checkAt = new long[slots];
    }

    /** The entry of an address (family 4 or 6; IPv4 uses word 0), or NONE. */
    int find(int fam, int w0, int w1, int w2, int w3) {
        for (int i = hash(fam, w0, w1, w2, w3) & mask; ; i = (i + 1) & mask) {
            if (family[i] == 0) {
                return NONE;
            }
            if (family[i] == fam && words[i * 4] == w0 && words[i * 4 + 1] == w1 && words[i * 4 + 2] == w2
                    && words[i * 4 + 3] == w3) {
                return i;
            }
        }
    }

    /** Adds a PENDING entry for an address not in the table; NONE when the table is full. */
    int addPending(int fam, int w0, int w1, int w2, int w3, long nowNanos) {
        if (size >= limit) {
            return NONE;
        }
        int i = hash(fam, w0, w1, w2, w3) & mask;
        while (family[i] != 0) {
            i = (i + 1) & mask;
        }
        family[i] = (byte) fam;
        words[i * 4] = w0;
        words[i * 4 + 1] = w1;
        words[i * 4 + 2] = w2;
        words[i * 4 + 3] = w3;
        state[i] = PENDING;
        checkAt[i] = nowNanos + RETRY_NANOS;
        size++;
        return i;
    }

    /**
     * Records a resolution: the port index, the next hop's MAC and the director's source address
     * toward it (4 words, or null), or a failure (port NONE).
     */
    void resolved(int entry, int portIndex, long macAddress, int[] sourceWords, long nowNanos) {
        if (portIndex == NONE) {
            state[entry] = FAILED;
            checkAt[entry] = nowNanos + RETRY_NANOS;
            return;
        }
        state[entry] = RESOLVED;
        port[entry] = portIndex;
        mac[entry] = macAddress;
        for (int i = 0; i < 4; i++) {
            source[entry * 4 + i] = sourceWords == null ? 0 : sourceWords[i];
        }
        checkAt[entry] = nowNanos + REFRESH_NANOS;
    }

    /** Whether the entry should be resolved again (its refresh or retry time has come). */
    boolean due(int entry, long nowNanos) {
        return nowNanos - checkAt[entry] >= 0;
    }

    /** Pushes the entry's next check out while a resolution is under way. */
    void asked(int entry, long nowNanos) {
        checkAt[entry] = nowNanos + RETRY_NANOS;
    }

    byte state(int entry) {
        return state[entry];
    }

    int port(int entry) {
        return port[entry];
    }

    long mac(int entry) {
        return mac[entry];
    }

    /** Word i of the director's source address toward the next hop. */
    int sourceWord(int entry, int i) {
        return source[entry * 4 + i];
    }

    int family(int entry) {
        return family[entry];
    }

    int word(int entry, int i) {
        return words[entry * 4 + i];
    }

    int size() {
        return size;
    }

    private static int hash(int fam, int w0, int w1, int w2, int w3) {
        int h = fam * 0x9E3779B9;
        h = (h ^ w0) * 0x85EBCA6B;
        h = (h ^ w1) * 0xC2B2AE35;
        h = (h ^ w2) * 0x85EBCA6B;
        h = (h ^ w3) * 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
