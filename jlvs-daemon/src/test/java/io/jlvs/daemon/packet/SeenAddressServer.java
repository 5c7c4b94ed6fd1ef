package io.jlvs.daemon.packet;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A real server for packet-mode tests, run as its own process in a real server's namespace:
 * {@code SeenAddressServer NAME PORT [BYTES]} answers every connection with "NAME saw ADDRESS"
 * (the client address it saw) and a newline, then BYTES zero bytes, and closes.
 */
public final class SeenAddressServer {
    private SeenAddressServer() {
    }

    public static void main(String[] args) throws IOException {
        long extra = args.length > 2 ? Long.parseLong(args[2]) : 0;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(Integer.parseInt(args[1])));
            System.out.println("ready");
            System.out.flush();
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> answer(socket, args[0], extra));
            }
        }
    }

    private static void answer(Socket socket, String name, long extra) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write((name + " saw " + socket.getInetAddress().getHostAddress() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 16];
            for (long left = extra; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
