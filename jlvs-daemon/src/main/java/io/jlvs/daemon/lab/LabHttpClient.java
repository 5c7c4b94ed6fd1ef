package io.jlvs.daemon.lab;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The lab's client: HTTP/1.0 requests, each on a new connection (so each is a new flow for the
 * scheduler), and the download, digested as it arrives. Every wait is bounded.
 */
public final class LabHttpClient {
    /** The longest one request can take: connecting, then a read that waits the longest. */
    static final long MAX_REQUEST_SECONDS = 15;
    private static final int CONNECT_MILLIS = 5_000;
    private static final int READ_MILLIS = 10_000;
    private static final int MAX_HEADER = 16 << 10;

    private final InetSocketAddress service;

    public LabHttpClient(InetSocketAddress service) {
        this.service = service;
    }

    /** What one GET / answered: the real server's name and the client address it saw. */
    public record Answer(String server, String seen) {
    }

    /** What GET /download brought: how many bytes, their SHA-256, the body's, and how long it took. */
    public record Download(long bytes, String sha256, String expectedSha256, long millis) {
        /** Whether every byte arrived as the server generated it. */
        public boolean intact() {
            return bytes == DownloadBody.LENGTH && sha256.equals(expectedSha256);
        }
    }

    /** GET / on a new connection. */
    public Answer get() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = request(socket, "/");
            long length = header(in);
            String body = new String(in.readNBytes((int) Math.min(length, 1024)), StandardCharsets.US_ASCII).strip();
            String[] words = body.split(" ");
            if (words.length != 2) {
                throw new IOException("unexpected answer '" + body + "'");
            }
            return new Answer(words[0], words[1]);
        }
    }

    /** GET /download on a new connection, digested as it arrives, within limit. */
    public Download download(Duration limit) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (Socket socket = connect()) {
            InputStream in = request(socket, LabHttpServer.DOWNLOAD);
            long length = header(in);
            MessageDigest digest = DownloadBody.newDigest();
            byte[] buffer = new byte[64 << 10];
            long bytes = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                bytes += n;
                if (System.nanoTime() > deadline) {
                    throw new IOException("the download did not finish within " + limit.toSeconds() + " s ("
                            + bytes + " of " + length + " bytes)");
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Download(bytes, HexFormat.of().formatHex(digest.digest()), DownloadBody.sha256(DownloadBody.LENGTH),
                    millis);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(service, CONNECT_MILLIS);
            socket.setSoTimeout(READ_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private InputStream request(Socket socket, String path) throws IOException {
        String host = service.getAddress().getHostAddress();
        socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new BufferedInputStream(socket.getInputStream());
    }

    /** Reads the response's header up to the empty line; returns its Content-Length. */
    private static long header(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the response header"
                        + (header.size() == 0 ? " (no answer)" : ""));
            }
            if (header.size() == MAX_HEADER) {
                throw new IOException("a response header longer than " + MAX_HEADER + " bytes");
            }
            header.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = header.toString(StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.") || !text.substring(9).startsWith("200")) {
            throw new IOException("not an HTTP 200 answer: " + text.lines().findFirst().orElse(""));
        }
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                return Long.parseLong(line.substring(colon + 1).strip());
            }
        }
        throw new IOException("an answer without Content-Length");
    }
}
