package io.jlvs.daemon.quickstart;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A demo real server for the quickstart: an HTTP server on loopback that answers with its name. */
final class DemoServer implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;

    private DemoServer(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on an ephemeral port of the address. */
    static DemoServer start(String name, String address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
        byte[] body = ("hello from " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new DemoServer(name, server, executor);
    }

    String name() {
        return name;
    }

    /** ADDRESS:PORT as jlvs adm takes it. */
    String endpoint() {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
