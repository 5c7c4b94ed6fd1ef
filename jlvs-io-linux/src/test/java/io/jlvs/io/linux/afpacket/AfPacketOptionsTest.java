package io.jlvs.io.linux.afpacket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ring shapes the kernel would refuse, or that could not hold a 64 KiB frame, are refused with the reason. */
class AfPacketOptionsTest {

    @ParameterizedTest(name = "{0} x {1}, {2} ms, {3} transmit blocks")
    @CsvSource(delimiter = '|', value = {
            "65536 | 32 | 1 | 4 | receive blocks must be a power of two from 128 KiB to 16 MiB (so a 64 KiB frame fits), not 65536 bytes",
            "196608 | 32 | 1 | 4 | receive blocks must be a power of two from 128 KiB to 16 MiB (so a 64 KiB frame fits), not 196608 bytes",
            "33554432 | 2 | 1 | 4 | receive blocks must be a power of two from 128 KiB to 16 MiB (so a 64 KiB frame fits), not 33554432 bytes",
            "262144 | 1 | 1 | 4 | a receive ring needs 2 blocks or more and at most 1 GiB, not 1 blocks of 262144 bytes",
            "16777216 | 128 | 1 | 4 | a receive ring needs 2 blocks or more and at most 1 GiB, not 128 blocks of 16777216 bytes",
            "262144 | 32 | 0 | 4 | the retire timeout is 1 to 1000 ms, not 0",
            "262144 | 32 | 1001 | 4 | the retire timeout is 1 to 1000 ms, not 1001",
            "262144 | 32 | 1 | 0 | a transmit ring has 1 to 256 blocks, not 0",
    })
    void aShapeOutOfRangeIsRefusedWithTheReason(int blockBytes, int blocks, int retire, int transmitBlocks, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AfPacketOptions(blockBytes, blocks, retire, transmitBlocks));
        assertEquals(reason, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"131072", "262144", "16777216"})
    void powersOfTwoFrom128KiBAreTaken(int blockBytes) {
        assertEquals(blockBytes, new AfPacketOptions(blockBytes, 2, 1, 1).receiveBlockBytes());
    }
}
