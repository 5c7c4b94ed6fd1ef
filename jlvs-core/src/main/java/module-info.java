/** The pure IPVS core: no I/O, no threads; time is always passed in. */
module io.jlvs.core {
    exports io.jlvs.core.model;
    exports io.jlvs.core.sched;
    exports io.jlvs.core.service;
    exports io.jlvs.core.proto;
    exports io.jlvs.core.conn;
    exports io.jlvs.core.stats;
    exports io.jlvs.core.engine;
}
