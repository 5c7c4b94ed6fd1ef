package io.jlvs.core.sched;

import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.jlvs.core.sched.HashSchedulerFixture.add;
import static io.jlvs.core.sched.HashSchedulerFixture.flow;
import static io.jlvs.core.sched.HashSchedulerFixture.flowFrom;
import static io.jlvs.core.sched.HashSchedulerFixture.name;
import static io.jlvs.core.sched.HashSchedulerFixture.setWeight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mh. The expected tables and slots come from src/test/python/hash_vectors.py, an independent
 * Python rendering of ip_vs_mh.c and lib/siphash.c (its SipHash agrees with the kernel's published
 * vectors). Servers 10.0.0.1:80 w1, 10.0.0.2:80 w2, 10.0.0.3:80 w3 are added in that order, so the
 * list is [.3, .2, .1]; their (offset, skip) are (1631, 3453), (1231, 3544) and (3167, 700).
 */
class MaglevHashingTest {

    private static VirtualService threeServers(MaglevHashing mh, int flags) {
        VirtualService service = HashSchedulerFixture.service(mh, "mh", flags);
        add(service, "10.0.0.1", 1);
        add(service, "10.0.0.2", 2);
        add(service, "10.0.0.3", 3);
        return service;
    }

    private static Map<String, Integer> slotCounts(MaglevHashing mh) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < MaglevHashing.TAB_SIZE; i++) {
            counts.merge(String.valueOf(name(mh.slot(i))), 1, Integer::sum);
        }
        return counts;
    }

    private static RealServer[] snapshot(MaglevHashing mh) {
        RealServer[] table = new RealServer[MaglevHashing.TAB_SIZE];
        for (int i = 0; i < table.length; i++) {
            table[i] = mh.slot(i);
        }
        return table;
    }

    @Test
    void thePopulatedTableMatchesTheReference() {
        MaglevHashing mh = new MaglevHashing();
        VirtualService service = threeServers(mh, 0);
        assertEquals(Map.of("10.0.0.3", 2047, "10.0.0.2", 1364, "10.0.0.1", 682), slotCounts(mh));
        // client slots: 172.16.0.7 -> 1249 (.1), .8 -> 583 (.3), .9 -> 3610 (.3)
        assertSame(mh.slot(1249), service.find(HashSchedulerFixture.ip("10.0.0.1"), 80));
        assertEquals("10.0.0.1", name(mh.schedule(service, flowFrom("172.16.0.7"), 0)));
        assertEquals("10.0.0.3", name(mh.schedule(service, flowFrom("172.16.0.8"), 0)));
        assertEquals("10.0.0.3", name(mh.schedule(service, flowFrom("172.16.0.9"), 0)));
        // without mh-port the client port is ignored
        assertEquals("10.0.0.1", name(mh.schedule(service, flow("172.16.0.7", 5000, "10.0.0.100"), 0)));
    }

    @Test
    void mhPortAddsTheClientPortToTheKey() {
        MaglevHashing mh = new MaglevHashing();
        VirtualService service = threeServers(mh, ServiceFlags.SCHED2);
        // 172.16.0.7:5000 -> slot 1080 (.3); port 0 stays at slot 1249 (.1)
        assertEquals("10.0.0.3", name(mh.schedule(service, flow("172.16.0.7", 5000, "10.0.0.100"), 0)));
        assertEquals("10.0.0.1", name(mh.schedule(service, flow("172.16.0.7", 0, "10.0.0.100"), 0)));
    }

    @Test
    void weightsAreReducedByTheirGcdAndShiftedToSixBits() {
        MaglevHashing scaled = new MaglevHashing();
        VirtualService service = HashSchedulerFixture.service(scaled, "mh", 0);
        add(service, "10.0.0.1", 100);
        add(service, "10.0.0.2", 200);
        add(service, "10.0.0.3", 300);
        MaglevHashing unit = new MaglevHashing();
        threeServers(unit, 0);
        for (int i = 0; i < MaglevHashing.TAB_SIZE; i++) {
            assertEquals(name(unit.slot(i)), name(scaled.slot(i)));
        }
        // 1000:1 -> max 1000 has 10 bits, shift 4: turns 62 and (1 >> 4 = 0, so) 1; the reference
        // gives .2 4029 slots and .1 64, the same table as weights 62:1.
        MaglevHashing big = new MaglevHashing();
        VirtualService skewed = HashSchedulerFixture.service(big, "mh", 0);
        add(skewed, "10.0.0.1", 1);
        add(skewed, "10.0.0.2", 1000);
        assertEquals(Map.of("10.0.0.2", 4029, "10.0.0.1", 64), slotCounts(big));
    }

    @Test
    void aQuiescedServerKeepsItsSlotsAndGetsThemBack() {
        MaglevHashing mh = new MaglevHashing();
        VirtualService service = threeServers(mh, 0);
        RealServer s1 = service.find(HashSchedulerFixture.ip("10.0.0.1"), 80);
        RealServer[] before = snapshot(mh);
        setWeight(service, s1, 0);
        for (int i = 0; i < before.length; i++) {
            assertSame(before[i], mh.slot(i), "slot " + i);
        }
        // its flows find no server without fallback
        assertNull(mh.schedule(service, flowFrom("172.16.0.7"), 0));
        setWeight(service, s1, 1);
        for (int i = 0; i < before.length; i++) {
            assertSame(before[i], mh.slot(i), "slot " + i);
        }
        assertSame(s1, mh.schedule(service, flowFrom("172.16.0.7"), 0));
    }

    @Test
    void aServerAddedWithWeightZeroTakesNoSlot() {
        MaglevHashing mh = new MaglevHashing();
        VirtualService service = threeServers(mh, 0);
        add(service, "10.0.0.4", 0);
        assertEquals(Map.of("10.0.0.3", 2047, "10.0.0.2", 1364, "10.0.0.1", 682), slotCounts(mh));
    }

    @Test
    void mhFallbackRehashesWithOffsetsPastAnUnavailableServer() {
        MaglevHashing mh = new MaglevHashing();
        VirtualService service = threeServers(mh, ServiceFlags.SCHED1);
        service.find(HashSchedulerFixture.ip("10.0.0.1"), 80).setOverloaded(true);
        // slot 1249 holds .1; offset 0 re-hashes with roffset 1249 to slot 791, which holds .2
        assertEquals("10.0.0.2", name(mh.schedule(service, flowFrom("172.16.0.7"), 0)));
        for (RealServer dest : service.destinations()) {
            dest.setOverloaded(true);
        }
        assertNull(mh.schedule(service, flowFrom("172.16.0.7"), 0));
    }

    @Test
    void withoutServersOrWithAllLastWeightsZeroTheTableIsEmpty() {
        MaglevHashing mh = new MaglevHashing();
        VirtualService service = HashSchedulerFixture.service(mh, "mh", ServiceFlags.SCHED1);
        assertNull(mh.schedule(service, flowFrom("172.16.0.7"), 0));
        add(service, "10.0.0.1", 0);
        assertNull(mh.slot(0));
        assertNull(mh.schedule(service, flowFrom("172.16.0.7"), 0));
    }

    @Test
    void otherKeysGiveAnotherTable() {
        MaglevHashing kernel = new MaglevHashing();
        threeServers(kernel, 0);
        MaglevHashing other = new MaglevHashing(new MaglevHashKeys(1, 2, 3, 4));
        threeServers(other, 0);
        int differing = 0;
        for (int i = 0; i < MaglevHashing.TAB_SIZE; i++) {
            if (!name(kernel.slot(i)).equals(name(other.slot(i)))) {
                differing++;
            }
        }
        assertTrue(differing > 1000, "differing slots: " + differing);
    }

    @Test
    void removingOneOfNServersMovesLittleMoreThanItsOwnShare() {
        RandomGenerator random = Seeds.random(Seeds.seed(0x6d68L));
        for (int round = 0; round < 20; round++) {
            int n = 5 + random.nextInt(20);
            MaglevHashing mh = new MaglevHashing();
            VirtualService service = HashSchedulerFixture.service(mh, "mh", 0);
            List<RealServer> servers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                servers.add(add(service, "10." + (1 + random.nextInt(200)) + "." + random.nextInt(256) + "." + i, 1));
            }
            RealServer[] before = snapshot(mh);
            RealServer removed = servers.get(random.nextInt(n));
            service.removeDestination(removed);
            int owned = 0;
            int moved = 0;
            for (int i = 0; i < before.length; i++) {
                assertNotNull(mh.slot(i));
                assertNotEquals(removed, mh.slot(i));
                if (before[i] == removed) {
                    owned++;
                } else if (before[i] != mh.slot(i)) {
                    moved++;
                }
            }
            // Only the removed server's slots must move; Maglev disturbs a few others, well under
            // the 1/n share a modulo hash would move.
            double share = (double) moved / MaglevHashing.TAB_SIZE;
            assertTrue(share < 0.5 / n, "round " + round + ": n=" + n + " moved " + moved + " others, owned " + owned);
            assertTrue(owned > 0);
        }
    }
}
