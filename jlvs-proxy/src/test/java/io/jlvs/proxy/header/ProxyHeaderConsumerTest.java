package io.jlvs.proxy.header;

import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.testkit.PortReservation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real PROXY protocol receivers read our headers: nginx (listen ... proxy_protocol) and haproxy
 * (bind ... accept-proxy) run on a loopback port and answer an HTTP request with the client and
 * VIP they took from the header, for v1 and v2, with IPv4 and IPv6 addresses claimed.
 */
@Tag("external")
class ProxyHeaderConsumerTest {
    /** What the header claims; documentation ranges, so nothing real is named. */
    private static final List<Claim> CLAIMS = List.of(
            new Claim(ProxyProtocol.V1, at("203.0.113.7", 40001), at("198.51.100.10", 443),
                    "203.0.113.7:40001 198.51.100.10:443"),
            new Claim(ProxyProtocol.V2, at("203.0.113.8", 40002), at("198.51.100.10", 443),
                    "203.0.113.8:40002 198.51.100.10:443"),
            new Claim(ProxyProtocol.V1, at("2001:db8::7", 40003), at("2001:db8:ffff::10", 8443),
                    "2001:db8::7:40003 2001:db8:ffff::10:8443"),
            new Claim(ProxyProtocol.V2, at("2001:db8:1:2:3:4:5:8", 65535), at("2001:db8:ffff::10", 1),
                    "2001:db8:1:2:3:4:5:8:65535 2001:db8:ffff::10:1"));

    @TempDir
    Path dir;

    /** A header's claim, and the body both servers are configured to answer for it: "client:port vip:port". */
    private record Claim(ProxyProtocol version, InetSocketAddress client, InetSocketAddress vip, String expectedBody) {
    }

    private static InetSocketAddress at(String literal, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(literal), port);
    }

    @Test
    void nginxReadsTheClientAndVipFromVersion1And2Headers() throws Exception {
        Path nginx = ExternalServer.requireBinary("nginx", "nginx-light");
        try (PortReservation reserved = ExternalServer.reservePort()) {
            int port = reserved.port();
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off;
                    master_process off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 64; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        server {
                            listen 127.0.0.1:%2$d proxy_protocol;
                            location / {
                                default_type text/plain;
                                return 200 "$proxy_protocol_addr:$proxy_protocol_port $proxy_protocol_server_addr:$proxy_protocol_server_port";
                            }
                        }
                    }
                    """.formatted(dir, port));
            try (ExternalServer server = ExternalServer.start(dir, port, List.of(nginx.toString(), "-p", dir.toString(),
                    "-e", dir.resolve("error.log").toString(), "-c", dir.resolve("nginx.conf").toString()))) {
                assertEveryClaimIsRead(server);
            }
        }
    }

    @Test
    void haproxyReadsTheClientAndVipFromVersion1And2Headers() throws Exception {
        Path haproxy = ExternalServer.requireBinary("haproxy", "haproxy");
        try (PortReservation reserved = ExternalServer.reservePort()) {
            int port = reserved.port();
            Files.writeString(dir.resolve("haproxy.cfg"), """
                    global
                        pidfile %1$s/haproxy.pid
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 5s
                        timeout server 5s
                    frontend proxied
                        bind 127.0.0.1:%2$d accept-proxy
                        http-request return status 200 content-type text/plain lf-string "%%[src]:%%[src_port] %%[dst]:%%[dst_port]"
                    """.formatted(dir, port));
            try (ExternalServer server = ExternalServer.start(dir, port,
                    List.of(haproxy.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString()))) {
                assertEveryClaimIsRead(server);
            }
        }
    }

    private static void assertEveryClaimIsRead(ExternalServer server) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Claim claim : CLAIMS) {
            expected.add(claim.version() + " 200 " + claim.expectedBody());
            actual.add(claim.version() + " " + exchange(server.port(), claim));
        }
        assertEquals(expected, actual, server::output);
    }

    /** One connection: our header, then an HTTP/1.0 request; the answer as "status body". */
    private static String exchange(int port, Claim claim) throws IOException {
        ByteBuf header = Unpooled.buffer();
        ProxyHeader.write(claim.version(), header, claim.client(), claim.vip());
        byte[] request = "GET / HTTP/1.0\r\nHost: jlvs.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = new byte[header.readableBytes()];
            header.readBytes(bytes);
            out.write(bytes);
            out.write(request);
            out.flush();
            String response = readAll(socket.getInputStream());
            int end = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || end < 0) {
                return "no HTTP response: " + response;
            }
            return response.substring(9, 12) + " " + response.substring(end + 4);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) >= 0 && all.size() < 65536) {
            all.write(chunk, 0, n);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
