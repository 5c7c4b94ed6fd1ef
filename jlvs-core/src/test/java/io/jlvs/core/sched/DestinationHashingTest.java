package io.jlvs.core.sched;

import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.jlvs.core.sched.HashSchedulerFixture.add;
import static io.jlvs.core.sched.HashSchedulerFixture.flowTo;
import static io.jlvs.core.sched.HashSchedulerFixture.name;
import static io.jlvs.core.sched.HashSchedulerFixture.setWeight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * dh. The buckets are worked out by hand: bucket = (addr * 0x61C88647 mod 2^32) >>> 24, e.g.
 * 192.168.1.10: 0xC0A8010A * 0x61C88647 = ...0xF8xxxxxx (mod 2^32), so bucket 0xF8 = 248; likewise
 * 10.0.0.1 -> 39, 10.0.0.2 -> 137, 10.0.0.3 -> 235 (hash_vectors.py prints them). With servers added
 * .1, .2, .3 the list is [.3, .2, .1] and bucket i holds list[i % 3].
 */
class DestinationHashingTest {
    private final DestinationHashing dh = new DestinationHashing();
    private final VirtualService service = HashSchedulerFixture.service(dh, "dh", 0);
    private final RealServer s1 = add(service, "10.1.0.1", 1);
    private final RealServer s2 = add(service, "10.1.0.2", 1);
    private final RealServer s3 = add(service, "10.1.0.3", 1);

    @ParameterizedTest(name = "{0} is in bucket {1} and goes to {2}")
    @CsvSource({
        "192.168.1.10, 248, 10.1.0.1", // 248 % 3 = 2
        "10.0.0.1,      39, 10.1.0.3", // 39 % 3 = 0
        "10.0.0.2,     137, 10.1.0.1", // 137 % 3 = 2
        "10.0.0.3,     235, 10.1.0.2", // 235 % 3 = 1
    })
    void destinationsHashToTheirBucketsServer(String destination, int bucket, String server) {
        assertEquals(bucket, DestinationHashing.bucketOf(service.key().family(), flowTo(destination)));
        assertEquals(server, name(dh.schedule(service, flowTo(destination), 0)));
    }

    @Test
    void theClientDoesNotMatterOnlyTheDestination() {
        var other = HashSchedulerFixture.flow("198.51.100.77", 1234, "192.168.1.10");
        assertEquals("10.1.0.1", name(dh.schedule(service, other, 0)));
    }

    @Test
    void aDeleteRebuildsTheTableRoundRobin() {
        service.removeDestination(s2);
        // list [.3, .1]: 248 % 2 = 0 -> .3, 39 % 2 = 1 -> .1
        assertEquals("10.1.0.3", name(dh.schedule(service, flowTo("192.168.1.10"), 0)));
        assertEquals("10.1.0.1", name(dh.schedule(service, flowTo("10.0.0.1"), 0)));
        // an add puts .4 at the head: [.4, .3, .1]: 248 % 3 = 2 -> .1
        add(service, "10.1.0.4", 1);
        assertEquals("10.1.0.1", name(dh.schedule(service, flowTo("192.168.1.10"), 0)));
    }

    @Test
    void weightsDoNotShapeTheTableAndAnEditDoesNotRebuildIt() {
        setWeight(service, s3, 100);
        assertEquals("10.1.0.1", name(dh.schedule(service, flowTo("192.168.1.10"), 0)));
        assertEquals("10.1.0.3", name(dh.schedule(service, flowTo("10.0.0.1"), 0)));
    }

    @Test
    void weightZeroOrOverloadYieldsNoServerWithoutFallback() {
        setWeight(service, s1, 0);
        assertNull(dh.schedule(service, flowTo("192.168.1.10"), 0));
        setWeight(service, s1, 1);
        s1.setOverloaded(true);
        assertNull(dh.schedule(service, flowTo("192.168.1.10"), 0));
        // other buckets are unaffected
        assertEquals("10.1.0.3", name(dh.schedule(service, flowTo("10.0.0.1"), 0)));
    }

    @Test
    void anEmptyServiceYieldsNoServer() {
        service.removeDestination(s1);
        service.removeDestination(s2);
        service.removeDestination(s3);
        assertNull(dh.schedule(service, flowTo("192.168.1.10"), 0));
    }

    @Test
    void ipv6DestinationsFoldTheirFourWords() {
        DestinationHashing dh6 = new DestinationHashing();
        VirtualService v6 = HashSchedulerFixture.service("2001:db8::100", dh6, "dh", 0);
        add(v6, "2001:db8::a", 1);
        add(v6, "2001:db8::b", 1);
        // 2001:db8::1 folds to 0x20010db8 ^ 0 ^ 0 ^ 0x00000001 = 0x20010db9; hash_32(.., 8) = 63
        var flow = HashSchedulerFixture.flow("2001:db8::99", 1, "2001:db8::1");
        assertEquals(63, DestinationHashing.bucketOf(v6.key().family(), flow));
        assertEquals("2001:db8:0:0:0:0:0:a", name(dh6.schedule(v6, flow, 0))); // 63 % 2 = 1 -> [::b, ::a][1]
    }
}
