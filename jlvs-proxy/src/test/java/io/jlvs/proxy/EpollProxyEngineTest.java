package io.jlvs.proxy;

import io.jlvs.testkit.Prerequisites;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine suite on Netty's native epoll transport (the production transport on Linux). Where
 * epoll cannot load it is skipped with Netty's reason; on Linux with JLVS_REQUIRE_NETNS=1 (CI) a
 * missing epoll fails instead, so the production transport is never silently untested.
 */
class EpollProxyEngineTest extends ProxyEngineBehaviour {

    @BeforeAll
    static void requireEpoll() {
        if (Epoll.isAvailable()) {
            return;
        }
        String reason = "native epoll is unavailable: " + Epoll.unavailabilityCause();
        if (isLinux()) {
            Prerequisites.require(false, reason);
        }
        Prerequisites.skip(reason);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

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
