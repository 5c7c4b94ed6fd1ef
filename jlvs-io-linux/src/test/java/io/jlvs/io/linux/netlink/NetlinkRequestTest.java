package io.jlvs.io.linux.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Requests as bytes and attributes read back, without a socket: the golden request is what
 * {@code ip addr add 10.0.0.100/32 dev lo label lo:0 scope host} sends (as strace shows it, lo
 * being index 1, sequence number aside), in the host byte order of a little-endian machine.
 */
class NetlinkRequestTest {
    private static final HexFormat HEX = HexFormat.of();

    @BeforeEach
    void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the golden bytes are little-endian");
    }

    @Test
    void anAddressRequestIsTheOneIpSends() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            buffer.fill((byte) 0x5a); // garbage a request must overwrite, padding included
            NewAddress vip = NewAddress.of("lo", InetAddress.getByName("10.0.0.100"), 32).withLabel("lo:0")
                    .withScope(AddressScope.HOST);

            NetlinkRequest request = new NetlinkRequest(buffer, InterfaceAddressMessage.RTM_NEWADDR, 0x0605, 7,
                    InterfaceAddressMessage.SIZE);
            RouteNetlink.writeNewAddress(request, vip, 1);

            assertEquals("34000000" + "1400" + "0506" + "07000000" + "00000000"   // nlmsghdr
                    + "022000fe" + "01000000"                                     // ifaddrmsg
                    + "08000200" + "0a000064"                                     // IFA_LOCAL
                    + "09000300" + "6c6f3a30" + "00" + "000000"                   // IFA_LABEL "lo:0\0", padded
                    + "08000100" + "0a000064",                                    // IFA_ADDRESS
                    HEX.formatHex(buffer.asSlice(0, request.length()).toArray(ValueLayout.JAVA_BYTE)));
        }
    }

    @Test
    void attributesAreReadBackByTypeNestedIncludedAndAMalformedTailIsIgnored() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            NetlinkRequest request = new NetlinkRequest(buffer, InterfaceInfoMessage.RTM_NEWLINK, 0, 1,
                    InterfaceInfoMessage.SIZE);
            request.string(InterfaceInfoMessage.IFLA_IFNAME, "eth0").u32(InterfaceInfoMessage.IFLA_MTU, 9000)
                    .bytes(InterfaceInfoMessage.IFLA_LINKINFO, HEX.parseHex("090001007665746800000000"));
            int end = request.length();
            buffer.set(ValueLayout.JAVA_SHORT_UNALIGNED, end, (short) 200); // claims more than the message holds
            buffer.set(ValueLayout.JAVA_SHORT_UNALIGNED, end + 2, (short) InterfaceInfoMessage.IFLA_ADDRESS);

            RouteAttributes attributes = RouteAttributes.parse(buffer, request.payload() + InterfaceInfoMessage.SIZE,
                    end + 8, InterfaceInfoMessage.IFLA_LINKINFO);

            assertEquals("eth0", attributes.string(InterfaceInfoMessage.IFLA_IFNAME));
            assertEquals(9000, attributes.u32(InterfaceInfoMessage.IFLA_MTU));
            assertEquals("veth", attributes.nested(InterfaceInfoMessage.IFLA_LINKINFO, InterfaceInfoMessage.IFLA_INFO_KIND)
                    .string(InterfaceInfoMessage.IFLA_INFO_KIND));
            assertFalse(attributes.has(InterfaceInfoMessage.IFLA_ADDRESS));
            assertTrue(attributes.has(InterfaceInfoMessage.IFLA_MTU));
        }
    }

    @Test
    void aRequestLargerThanTheBufferIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            NetlinkRequest request = new NetlinkRequest(arena.allocate(32), InterfaceInfoMessage.RTM_GETLINK, 0, 1,
                    InterfaceInfoMessage.SIZE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> request.bytes(InterfaceInfoMessage.IFLA_ADDRESS, new byte[6]));
            assertEquals("a netlink request of 44 bytes exceeds the send buffer of 32", e.getMessage());
        }
    }
}
