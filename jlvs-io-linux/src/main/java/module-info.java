/**
 * Linux system calls through java.lang.foreign, the only module of jlvs that uses it: hand-written
 * bindings in jextract's shape (package io.jlvs.io.linux.ffi, one class per C concern), probed
 * once for availability, behind a small Java API (package io.jlvs.io.linux).
 */
module io.jlvs.io.linux {
    requires transitive io.jlvs.packet;

    exports io.jlvs.io.linux;
    exports io.jlvs.io.linux.afpacket;
    exports io.jlvs.io.linux.netlink;
    exports io.jlvs.io.linux.rawip;
    exports io.jlvs.io.linux.tun;
}
