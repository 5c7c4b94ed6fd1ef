package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;

/**
 * What lblc and lblcr entries share: the destination address they are keyed by, their last use and
 * their link in a {@link LocalityTable} bucket.
 */
abstract class LocalityEntry {
    final int addr0;
    final int addr1;
    final int addr2;
    final int addr3;
    /** When the entry was last looked up, on the scheduler's clock (the kernel's lastuse in jiffies). */
    long lastUse;
    int bucket;
    LocalityEntry next;

    LocalityEntry(Flow flow, long nowNanos) {
        addr0 = flow.destinationWord(0);
        addr1 = flow.destinationWord(1);
        addr2 = flow.destinationWord(2);
        addr3 = flow.destinationWord(3);
        lastUse = nowNanos;
    }

    /** ip_vs_addr_equal with the flow's destination (unused IPv4 words are zero on both sides). */
    final boolean matches(Flow flow) {
        return addr0 == flow.destinationWord(0) && addr1 == flow.destinationWord(1)
                && addr2 == flow.destinationWord(2) && addr3 == flow.destinationWord(3);
    }
}
