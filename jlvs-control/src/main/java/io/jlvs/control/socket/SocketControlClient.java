package io.jlvs.control.socket;

import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.json.WireCodec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client of jlvsd's control socket: one connection, one JSON line out and one back per
 * request. It connects on the first request; when no jlvsd is listening the IOException says so
 * and names the socket.
 */
public final class SocketControlClient implements ControlClient, AutoCloseable {
    private final Path socket;
    private SocketChannel channel;
    private BufferedReader in;
    private OutputStream out;

    public SocketControlClient(Path socket) {
        this.socket = socket;
    }

    /** A client of the socket the shared rules pick for this process (JLVS_SOCKET or the default). */
    public static SocketControlClient forDefaultSocket() {
        return new SocketControlClient(defaultSocketPath());
    }

    /** The socket this process's clients use by default (see {@link ControlPaths}). */
    public static Path defaultSocketPath() {
        return ControlPaths.current().socket(null);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public synchronized Reply send(Request request) throws IOException {
        connectIfNeeded();
        String line;
        try {
            out.write((WireCodec.encode(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            line = in.readLine();
        } catch (IOException e) {
            closeQuietly();
            throw new IOException("lost the connection to jlvsd at " + ControlPaths.describe(socket) + ": "
                    + e.getMessage(), e);
        }
        if (line == null) {
            closeQuietly();
            throw new IOException("jlvsd at " + ControlPaths.describe(socket) + " closed the connection without a reply");
        }
        return WireCodec.decodeReply(line);
    }

    private void connectIfNeeded() throws IOException {
        if (channel != null) {
            return;
        }
        SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            opened.connect(UnixDomainSocketAddress.of(socket));
        } catch (SocketException e) {
            opened.close();
            String why = Files.exists(socket) ? "nothing accepts connections there" : "the socket does not exist";
            throw new ConnectException("no jlvsd is listening at " + ControlPaths.describe(socket) + " (" + why
                    + "); start it with: jlvs daemon");
        }
        channel = opened;
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(opened), StandardCharsets.UTF_8));
        out = Channels.newOutputStream(opened);
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a socket we no longer use; nothing to tell anyone.
            }
            channel = null;
            in = null;
            out = null;
        }
    }
}
