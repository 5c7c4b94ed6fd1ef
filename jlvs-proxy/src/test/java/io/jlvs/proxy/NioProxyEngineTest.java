package io.jlvs.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The engine suite on NIO, the transport where native epoll is unavailable. */
class NioProxyEngineTest extends ProxyEngineBehaviour {

    @Override
    ProxyOptions options() {
        return ProxyOptions.DEFAULT.withNativeTransport(false);
    }

    @Test
    void itRunsOnNioWithoutFreebind() {
        ProxyTransport transport = engine().transport();
        assertEquals("nio", transport.name());
        assertFalse(transport.freebind());
    }
}
