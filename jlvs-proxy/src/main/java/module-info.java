/** The proxy engine: accepts on each VIP:port, schedules with the core, relays to real servers. */
module io.jlvs.proxy {
    requires transitive io.jlvs.core;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.slf4j;
    exports io.jlvs.proxy;
}
