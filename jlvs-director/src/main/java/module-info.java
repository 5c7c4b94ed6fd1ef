/**
 * The packet engine: jlvsd as an LVS director. Workers, one per core, each own an engine core and
 * packet ports, and forward frames with the method bound to each connection. No native code here:
 * ports come from jlvs-io-linux (AF_PACKET) or memory (tests).
 */
module io.jlvs.director {
    requires transitive io.jlvs.core;
    requires transitive io.jlvs.packet;
    exports io.jlvs.director;
}
