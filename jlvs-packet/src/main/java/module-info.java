/**
 * Packets without objects: flyweights over MemorySegment with documented offsets (package
 * io.jlvs.packet), and the frame port SPI (io.jlvs.packet.io) that AF_PACKET, AF_XDP and the
 * in-memory backend implement. Depends on java.base only.
 */
module io.jlvs.packet {
    exports io.jlvs.packet;
    exports io.jlvs.packet.io;
}
