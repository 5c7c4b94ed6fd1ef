package io.jlvs.core.sched;

import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import static io.jlvs.core.sched.HashSchedulerFixture.add;
import static io.jlvs.core.sched.HashSchedulerFixture.flow;
import static io.jlvs.core.sched.HashSchedulerFixture.flowFrom;
import static io.jlvs.core.sched.HashSchedulerFixture.name;
import static io.jlvs.core.sched.HashSchedulerFixture.setWeight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * sh. Buckets by hand as for dh, of (port + addr): 172.16.0.7 -> 196, 172.16.0.8 -> 38, and with
 * sh-port 172.16.0.7:5000 -> hash_32(0xAC100007 + 5000, 8) = 153 (hash_vectors.py).
 */
class SourceHashingTest {
    private final SourceHashing sh = new SourceHashing();

    @Test
    void eachServerFillsAsManyBucketsAsItsWeight() {
        VirtualService service = HashSchedulerFixture.service(sh, "sh", 0);
        add(service, "10.1.0.1", 1);
        add(service, "10.1.0.2", 2);
        add(service, "10.1.0.3", 3);
        // list [.3 w3, .2 w2, .1 w1]: the table repeats .3 .3 .3 .2 .2 .1 with period 6
        String[] lap = {"10.1.0.3", "10.1.0.3", "10.1.0.3", "10.1.0.2", "10.1.0.2", "10.1.0.1"};
        for (int i = 0; i < SourceHashing.TAB_SIZE; i++) {
            assertEquals(lap[i % 6], name(sh.bucket(i)), "bucket " + i);
        }
        assertEquals("10.1.0.2", name(sh.schedule(service, flowFrom("172.16.0.7"), 0))); // 196 % 6 = 4
        assertEquals("10.1.0.3", name(sh.schedule(service, flowFrom("172.16.0.8"), 0))); // 38 % 6 = 2
        // without sh-port the client port is ignored
        assertEquals("10.1.0.2", name(sh.schedule(service, flow("172.16.0.7", 5000, "10.0.0.100"), 0)));
    }

    @Test
    void anEditRebuildsTheTable() {
        VirtualService service = HashSchedulerFixture.service(sh, "sh", 0);
        RealServer s1 = add(service, "10.1.0.1", 1);
        add(service, "10.1.0.2", 1);
        // [.2, .1] alternate: 196 even -> .2
        assertEquals("10.1.0.2", name(sh.schedule(service, flowFrom("172.16.0.7"), 0)));
        setWeight(service, s1, 3);
        // [.2 w1, .1 w3]: period 4 (.2 .1 .1 .1), 196 % 4 = 0 -> .2; 38 % 4 = 2 -> .1
        assertEquals("10.1.0.2", name(sh.schedule(service, flowFrom("172.16.0.7"), 0)));
        assertEquals("10.1.0.1", name(sh.schedule(service, flowFrom("172.16.0.8"), 0)));
    }

    @Test
    void aWeightZeroServerKeepsOneBucketPerLapButIsNeverChosen() {
        VirtualService service = HashSchedulerFixture.service(sh, "sh", 0);
        add(service, "10.1.0.1", 1);
        add(service, "10.1.0.2", 0);
        // [.2 w0, .1 w1]: .2 still takes one bucket per lap, so even buckets hold .2
        assertEquals("10.1.0.2", name(sh.bucket(196)));
        assertNull(sh.schedule(service, flowFrom("172.16.0.7"), 0));
    }

    @Test
    void shPortAddsTheClientPortToTheKey() {
        VirtualService service = HashSchedulerFixture.service(sh, "sh", ServiceFlags.SCHED2);
        add(service, "10.1.0.1", 1);
        add(service, "10.1.0.2", 1);
        add(service, "10.1.0.3", 1);
        assertEquals(153, SourceHashing.hashKey(0xAC100007, 5000, 0));
        // [.3, .2, .1]: 153 % 3 = 0 -> .3; port 0 would give 196 % 3 = 1 -> .2
        assertEquals("10.1.0.3", name(sh.schedule(service, flow("172.16.0.7", 5000, "10.0.0.100"), 0)));
        assertEquals("10.1.0.2", name(sh.schedule(service, flow("172.16.0.7", 0, "10.0.0.100"), 0)));
    }

    @Test
    void shFallbackRehashesWithGrowingOffsetsPastUnavailableServers() {
        VirtualService plain = HashSchedulerFixture.service(new SourceHashing(), "sh", 0);
        SourceHashing fallback = new SourceHashing();
        VirtualService withFallback = HashSchedulerFixture.service(fallback, "sh", ServiceFlags.SCHED1);
        for (VirtualService service : new VirtualService[] {plain, withFallback}) {
            add(service, "10.1.0.1", 1);
            add(service, "10.1.0.2", 1);
            add(service, "10.1.0.3", 1);
            service.find(HashSchedulerFixture.ip("10.1.0.2"), 80).setOverloaded(true);
        }
        // 172.16.0.7 -> bucket 196, 196 % 3 = 1 -> .2 (OVERLOADED). Fallback offset 0: roffset 196,
        // bucket (196 + 196) & 255 = 136, 136 % 3 = 1 -> .2 again; offset 1: roffset 197, bucket 137,
        // 137 % 3 = 2 -> .1.
        assertNull(plain.scheduler().schedule(plain, flowFrom("172.16.0.7"), 0));
        assertEquals("10.1.0.1", name(fallback.schedule(withFallback, flowFrom("172.16.0.7"), 0)));
        // weight 0 is unavailable too; with every server unavailable the loop ends with none
        for (RealServer dest : withFallback.destinations()) {
            setWeight(withFallback, dest, 0);
        }
        assertNull(fallback.schedule(withFallback, flowFrom("172.16.0.7"), 0));
    }
}
