package io.jlvs.daemon.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.0 request on a new connection, so each request is a new connection for the scheduler
 * (a keep-alive client would send them all down one connection to one server).
 */
final class DemoRequest {
    private static final int TIMEOUT_MILLIS = 5_000;

    private DemoRequest() {
    }

    /** The response body of GET / at host:port. */
    static String get(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || body < 0) {
                throw new IOException("not an HTTP response: " + response.lines().findFirst().orElse("(empty)"));
            }
            return response.substring(body + 4).strip();
        }
    }
}
