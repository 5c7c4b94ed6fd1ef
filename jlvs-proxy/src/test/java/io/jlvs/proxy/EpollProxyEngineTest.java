package io.jlvs.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine suite on Netty's native epoll transport (the production transport on Linux). */
class EpollProxyEngineTest extends ProxyEngineBehaviour {

    @Override
    ProxyOptions options() {
        return ProxyOptions.DEFAULT;
    }

    @Test
    void itRunsOnNativeEpollWithFreebind() {
        ProxyTransport transport = engine().transport();
        assertEquals("epoll", transport.name(), transport.reason());
        assertEquals(true, transport.freebind());
    }
}
