package io.jlvs.control.binary;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed listing: every kind of service, destination and counter reads back equal; bad bytes are refused. */
class ServiceListCodecTest {
    private static final ServiceKey V4 = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
    private static final ServiceKey V6 = new ServiceKey.Address(Protocol.UDP, InetAddress.ofLiteral("2001:db8::1"), 53);
    private static final ServiceKey MARK = new ServiceKey.Mark(AddressFamily.INET6, -7);
    private static final DestinationSpec GUE = new DestinationSpec(InetAddress.ofLiteral("2001:db8::9"), 0,
            ForwardMethod.TUNNEL, 65535, 100, 10, TunnelType.GUE, 6080, TunnelFlags.CSUM);
    private static final DestinationSpec MASQ = DestinationSpec.of(InetAddress.ofLiteral("10.1.1.1"), 8080,
            ForwardMethod.MASQ, 0);
    /** Counters at the ends of a u64: the varints' longest forms. */
    private static final TrafficStats HUGE = new TrafficStats(-1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 35, 127);
    private static final TrafficRates RATES = new TrafficRates(128, 0, 1, -2L, 1L << 62);

    private static final Reply.Services EVERY_KIND = new Reply.Services(Integer.MAX_VALUE, List.of(
            new ServiceStatus(new ServiceSpec(V4, "wlc", 0, 0, 0xFFFFFFFF, ""), TrafficStats.ZERO, TrafficRates.ZERO,
                    List.of(new DestinationStatus(MASQ, 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO))),
            new ServiceStatus(new ServiceSpec(V6, "sh", 0x19, 600, 64, "sip", ProxyProtocol.V2), HUGE, RATES,
                    List.of(new DestinationStatus(GUE, Integer.MAX_VALUE, -1, 7, HUGE, TrafficRates.ZERO),
                            new DestinationStatus(MASQ, 1, 2, 3, TrafficStats.ZERO, RATES))),
            new ServiceStatus(new ServiceSpec(MARK, "none", 0, 0, 128, "", ProxyProtocol.V1), TrafficStats.ZERO,
                    RATES, List.of())));

    @Test
    void everyKindOfServiceDestinationAndCounterReadsBackEqual() throws BinaryCodec.MalformedException {
        assertEquals(EVERY_KIND, ServiceListCodec.decode(ServiceListCodec.encode(EVERY_KIND)));
    }

    @Test
    void anEmptyListingIsTwoBytes() throws BinaryCodec.MalformedException {
        Reply.Services empty = new Reply.Services(0, List.of());

        byte[] bytes = ServiceListCodec.encode(empty);

        assertEquals(2, bytes.length);
        assertEquals(empty, ServiceListCodec.decode(bytes));
    }

    @Test
    void aServiceWithOneIdleRealServerTakesUnderSeventyBytes() {
        Reply.Services one = new Reply.Services(4096, List.of(new ServiceStatus(new ServiceSpec(V4, "rr", 0, 0,
                0xFFFFFFFF, ""), TrafficStats.ZERO, TrafficRates.ZERO,
                List.of(new DestinationStatus(MASQ, 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO)))));

        int bytes = ServiceListCodec.encode(one).length;

        assertTrue(bytes < 70, bytes + " bytes");
    }

    @Test
    void everyListingCutShortIsRefused() {
        byte[] whole = ServiceListCodec.encode(EVERY_KIND);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThrows(BinaryCodec.MalformedException.class, () -> ServiceListCodec.decode(cut), "cut at " + length);
        }
    }

    @Test
    void bytesAfterTheEndAreRefused() {
        byte[] whole = ServiceListCodec.encode(EVERY_KIND);
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);

        BinaryCodec.MalformedException e = assertThrows(BinaryCodec.MalformedException.class,
                () -> ServiceListCodec.decode(longer));
        assertTrue(e.getMessage().contains("after the end"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // one service, a key of kind 2
            "00 01 02",
            // a table size of 33 bits
            "80 80 80 80 10 00",
            // a number of 11 bytes
            "ff ff ff ff ff ff ff ff ff ff 01 00",
            // protocol "XYZ"
            "00 01 00 00 03 58 59 5a",
            // a count of more services than bytes left
            "00 7f 00"})
    void bytesThatAreNoListingAreRefused(String hex) {
        byte[] in = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

        assertThrows(BinaryCodec.MalformedException.class, () -> ServiceListCodec.decode(in));
    }
}
