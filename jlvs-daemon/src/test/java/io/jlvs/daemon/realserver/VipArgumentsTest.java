package io.jlvs.daemon.realserver;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VipArgumentsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.100/32      | '10.0.0.100/32' is not an IP address (a VIP is given as 10.0.0.100 or 2001:db8::100, without a prefix)",
        "vip.example.com    | 'vip.example.com' is not an IP address (a VIP is given as 10.0.0.100 or 2001:db8::100, without a prefix)",
        "0.0.0.0            | 0.0.0.0 cannot be a VIP (it is a wildcard address)",
        "127.0.0.2          | 127.0.0.2 cannot be a VIP (it is a loopback address)",
        "224.0.0.18         | 224.0.0.18 cannot be a VIP (it is a multicast address)",
        "10.0.0.1 10.0.0.1  | VIP 10.0.0.1 is given twice",
    })
    void aBadVipIsNamed(String texts, String message) {
        List<String> vips = Arrays.asList(texts.split(" +"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VipArguments.parseAll(vips));
        assertEquals(message, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void noVipIsAnError() {
        assertEquals("no VIP given: name each with --vip VIP",
                assertThrows(IllegalArgumentException.class, () -> VipArguments.parseAll(List.of())).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.100, 10.0.0.100", "2001:DB8:0:0::100, 2001:db8::100"})
    void aVipIsAnAddressLiteral(String text, String written) {
        assertEquals(written, io.jlvs.cli.ipvsadm.InetText.format(VipArguments.parse(text)));
    }
}
