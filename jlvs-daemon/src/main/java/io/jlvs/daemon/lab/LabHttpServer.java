package io.jlvs.daemon.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A lab's real server: GET / answers "NAME CLIENT-ADDRESS" (the address it saw the request come
 * from), GET /download streams the {@link DownloadBody}.
 */
public final class LabHttpServer implements AutoCloseable {
    /** The path of the 100 MiB download. */
    public static final String DOWNLOAD = "/download";
    private static final int CHUNK = 64 << 10;

    private final HttpServer server;
    private final ExecutorService executor;

    private LabHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts answering as name on address:port (port 0: any free one). */
    public static LabHttpServer start(String name, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 128);
        server.createContext("/", exchange -> answer(exchange, name));
        server.createContext(DOWNLOAD, LabHttpServer::download);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new LabHttpServer(server, executor);
    }

    /** The address and port it listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void answer(HttpExchange exchange, String name) throws IOException {
        byte[] body = (name + " " + exchange.getRemoteAddress().getAddress().getHostAddress() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void download(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, DownloadBody.LENGTH);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long offset = 0; offset < DownloadBody.LENGTH; offset += CHUNK) {
                int n = (int) Math.min(CHUNK, DownloadBody.LENGTH - offset);
                DownloadBody.fill(offset, chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
