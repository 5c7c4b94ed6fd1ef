package io.jlvs.director;

import io.jlvs.packet.ParsedFrame;
import io.jlvs.packet.io.FrameOffload;

import java.lang.foreign.MemorySegment;

/**
 * The frame a worker is handling, as the transmitters see it: where it is, its offloads, what the
 * parser found, and the time of the batch. One per worker, refilled per frame; valid during
 * {@link Forwarder#onFrame} only.
 */
final class CurrentFrame {
    final ParsedFrame parsed = new ParsedFrame();
    MemorySegment segment;
    long offset;
    int length;
    FrameOffload offload;
    long now;
    /** A fragment after the first: no ports in it, only the IP header is rewritten. */
    boolean laterFragment;

    /** The IP family, 4 or 6. */
    int family() {
        return parsed.family();
    }

    /** Where the IP header starts, from the frame's first byte. */
    int l2Length() {
        return (int) (parsed.l3Offset() - offset);
    }

    /** The IP packet's length by its header: what IPVS counts as the packet's bytes. */
    int ipLength() {
        return parsed.l3Length();
    }

    /** Whether the L4 checksum is partial (left to offload by the sender). */
    boolean partialChecksum() {
        return offload.needsChecksum();
    }

    /** Points rewriter at this frame's IP packet. */
    AddressRewriter rewrite(AddressRewriter rewriter) {
        return rewriter.bind(segment, parsed.l3Offset(), parsed.l4Offset(), family(), parsed.l4Protocol(),
                partialChecksum(), !laterFragment, !laterFragment);
    }

    /** The frame without Ethernet padding after the IP packet. */
    int frameLengthWithoutPadding() {
        return (int) (parsed.l3End() - offset);
    }
}
