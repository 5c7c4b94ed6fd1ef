package io.jlvs.core.conn;

import java.util.Arrays;

/**
 * Words 1 to 3 of the four addresses (client, virtual, destination, local) of the connection
 * entries that need them: an IPv4 address is word 0 alone, so only an entry with an IPv6 address
 * takes a record here, and the table keeps word 0 of every address in its per-slot arrays.
 *
 * <p>Records are 48 bytes in one int array with a free list; the array doubles when every record is
 * taken (allocates; amortized, and never once the pool has reached its working size) and never
 * shrinks. Owned by the table's thread.
 */
final class WideAddresses {
    static final int CLIENT = 0;
    static final int VIRTUAL = 1;
    static final int DESTINATION = 2;
    static final int LOCAL = 3;
    /** No record: every address of the entry is word 0 alone. */
    static final int NONE = -1;

    private static final int HIGH_WORDS = 3;
    private static final int RECORD_INTS = 4 * HIGH_WORDS;

    private int[] words = new int[0];
    private int[] nextFree = new int[0];
    private int freeHead = NONE;

    /** A zeroed record. */
    int allocate() {
        if (freeHead == NONE) {
            grow();
        }
        int record = freeHead;
        freeHead = nextFree[record];
        Arrays.fill(words, record * RECORD_INTS, (record + 1) * RECORD_INTS, 0);
        return record;
    }

    void release(int record) {
        nextFree[record] = freeHead;
        freeHead = record;
    }

    /** Word i (1 to 3) of the given address of a record. */
    int word(int record, int address, int i) {
        return words[record * RECORD_INTS + address * HIGH_WORDS + i - 1];
    }

    void setWord(int record, int address, int i, int word) {
        words[record * RECORD_INTS + address * HIGH_WORDS + i - 1] = word;
    }

    /** Whether an address of four words needs a record (any word beyond word 0 set). */
    static boolean isWide(int[] address) {
        return (address[1] | address[2] | address[3]) != 0;
    }

    private void grow() {
        int old = nextFree.length;
        int larger = Math.max(16, old * 2);
        int[] newWords = Arrays.copyOf(words, larger * RECORD_INTS);
        int[] newNextFree = Arrays.copyOf(nextFree, larger);
        words = newWords;
        nextFree = newNextFree;
        for (int r = larger - 1; r >= old; r--) {
            nextFree[r] = freeHead;
            freeHead = r;
        }
    }
}
