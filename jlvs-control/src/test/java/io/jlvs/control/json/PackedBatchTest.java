package io.jlvs.control.json;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Request;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Batch on the wire: packed by the binary codec, and still read in its one-object-per-command form (refusals: WireCodecTest). */
class PackedBatchTest {
    private static final ServiceKey WEB = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
    private static final Command.Batch BATCH = new Command.Batch(List.of(
            new Command.AddService(new ServiceSpec(WEB, "wlc", 0, 0, -1, "")),
            new Command.AddDest(WEB, DestinationSpec.of(InetAddress.ofLiteral("192.168.1.1"), 80, ForwardMethod.MASQ, 1)),
            new Command.Batch(List.of(new Command.Flush()))));

    @Test
    void aBatchTravelsAsOnePackedStringAndReadsBackEqual() {
        String line = WireCodec.encode(BATCH);

        assertTrue(line.matches("\\{\"type\":\"Batch\",\"packed\":\"[A-Za-z0-9+/=]+\"}"), line);
        assertEquals(BATCH, WireCodec.decodeRequest(line));
    }

    @Test
    void aBatchOfOneObjectPerCommandStillReads() {
        String line = "{\"type\":\"Batch\",\"commands\":[{\"type\":\"Flush\"},{\"type\":\"Zero\",\"key\":null},"
                + "{\"type\":\"Batch\",\"commands\":[{\"type\":\"DelService\",\"key\":{\"type\":\"Address\","
                + "\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80}}]}]}";

        Request request = WireCodec.decodeRequest(line);

        assertEquals(new Command.Batch(List.of(new Command.Flush(), new Command.Zero(null),
                new Command.Batch(List.of(new Command.DelService(WEB))))), request);
    }
}
