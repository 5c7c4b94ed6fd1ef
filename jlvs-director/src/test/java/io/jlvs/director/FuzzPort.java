package io.jlvs.director;

import io.jlvs.packet.FrameVerdict;
import io.jlvs.packet.ParsedFrame;
import io.jlvs.packet.io.FrameReceiver;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A port that makes its frames up: each is a template (a valid frame of the topology) mutated at
 * random (bytes flipped, cut short, or replaced by noise), from a seeded generator, written in place
 * with nothing allocated. What the engine transmits is parsed on the spot: every frame that leaves
 * must be well-formed IP and go to a known next hop's MAC.
 */
final class FuzzPort extends GeneratedPort {
    private final ParsedFrame check = new ParsedFrame();
    private final RandomGenerator random;
    private final long[] allowedMacs;
    private long remaining;
    long escaped;
    String firstEscape;

    FuzzPort(List<byte[]> frames, RandomGenerator random, long frameCount, long... allowedMacs) {
        super(frames);
        this.random = random;
        this.remaining = frameCount;
        this.allowedMacs = allowedMacs.clone();
    }

    @Override
    public int receive(FrameReceiver receiver, int max) {
        int n = 0;
        for (; n < max && remaining > 0; n++, remaining--) {
            int length = makeFrame();
            receiver.onFrame(receive, 0, length, offload.clear());
        }
        return n;
    }

    private int makeFrame() {
        int length = copyTemplate(random.nextInt(templateCount()));
        int kind = random.nextInt(8);
        if (kind == 0) {
            return length; // intact: real traffic keeps connections alive
        }
        if (kind == 7) {
            length = 1 + random.nextInt(200);
            for (int i = 0; i < length; i++) {
                receive.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
            }
            return length;
        }
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(Math.min(length, 80));
            receive.set(ValueLayout.JAVA_BYTE, at, (byte) random.nextInt());
        }
        if (kind == 6) {
            length = 1 + random.nextInt(length);
        }
        return length;
    }

    @Override
    public boolean awaitFrames(long timeoutNanos) {
        return remaining > 0;
    }

    @Override
    void sent(MemorySegment transmit, long claimed, int length) {
        int verdict = check.parse(transmit, claimed, length);
        long mac = check.ethernet().destination();
        boolean knownMac = false;
        for (long allowed : allowedMacs) {
            knownMac |= allowed == mac;
        }
        boolean ip = check.family() == ParsedFrame.FAMILY_IPV4 || check.family() == ParsedFrame.FAMILY_IPV6;
        if (verdict != FrameVerdict.OK || !knownMac || !ip) {
            escaped++;
            if (firstEscape == null) {
                firstEscape = "verdict " + FrameVerdict.name(verdict) + ", mac " + Long.toHexString(mac) + ", family "
                        + check.family();
            }
        }
    }

}
