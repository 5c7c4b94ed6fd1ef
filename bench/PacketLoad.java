import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * bench/packet's load: a UDP echo and TCP accept server for the real servers, a UDP request-response
 * client (flows x a window of requests in flight, round trips timed from a timestamp in each request)
 * and a TCP new-connection client (connect, then an abortive close: SYN, SYN-ACK, ACK, RST, and no
 * TIME_WAIT to run out of ports). Every mode stops after the seconds it is given. The clients print
 * one line, {@code BENCH key=value ...}, that bench/packet reads.
 *
 * <pre>
 *   java bench/PacketLoad.java serve PORT SECONDS ADDR...
 *   java bench/PacketLoad.java udp HOST PORT SECONDS FLOWS WINDOW PAYLOAD
 *   java bench/PacketLoad.java connect HOST PORT SECONDS THREADS
 * </pre>
 */
public final class PacketLoad {
    /** Round trips are kept in microsecond buckets up to this bound; longer ones count in the last. */
    private static final int MAX_MICROS = 1_000_000;
    /** A flow whose window has had no reply for this long is refilled (its requests counted lost). */
    private static final long REFILL_NANOS = 200_000_000L;

    private PacketLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]), Long.parseLong(args[2]),
                    java.util.Arrays.copyOfRange(args, 3, args.length));
            case "udp" -> udp(new InetSocketAddress(args[1], Integer.parseInt(args[2])), Long.parseLong(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "connect" -> connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])),
                    Long.parseLong(args[3]), Integer.parseInt(args[4]));
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: PacketLoad serve PORT SECONDS ADDR... | udp HOST PORT SECONDS FLOWS WINDOW PAYLOAD"
                + " | connect HOST PORT SECONDS THREADS");
        System.exit(2);
    }

    /**
     * UDP echo on PORT of each ADDR (one thread; one socket per address, so that a reply leaves from
     * the address the request was sent to) and a TCP listener on PORT that accepts and closes, both
     * until SECONDS have passed.
     */
    private static void serve(int port, long seconds, String[] addresses) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread tcp = Thread.ofPlatform().daemon().start(() -> acceptAndClose(port));
        DatagramChannel[] sockets = new DatagramChannel[addresses.length];
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < addresses.length; i++) {
                sockets[i] = DatagramChannel.open();
                sockets[i].bind(new InetSocketAddress(addresses[i], port));
                sockets[i].configureBlocking(false);
                sockets[i].register(selector, SelectionKey.OP_READ);
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            System.out.println("READY");
            while (System.nanoTime() < end) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel udp = (DatagramChannel) key.channel();
                    for (var from = udp.receive(buffer.clear()); from != null; from = udp.receive(buffer.clear())) {
                        udp.send(buffer.flip(), from);
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (DatagramChannel socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        tcp.interrupt();
    }

    private static void acceptAndClose(int port) {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(port), 4096);
            while (true) {
                SocketChannel accepted = server.accept();
                accepted.close();
            }
        } catch (IOException e) {
            System.err.println("PacketLoad serve: TCP listener stopped: " + e);
        }
    }

    /** FLOWS connected UDP sockets, each keeping WINDOW requests of PAYLOAD bytes in flight, for SECONDS. */
    private static void udp(InetSocketAddress target, long seconds, int flows, int window, int payload) throws Exception {
        long[] histogram = new long[MAX_MICROS + 1];
        DatagramChannel[] channels = new DatagramChannel[flows];
        int[] outstanding = new int[flows];
        long[] lastReply = new long[flows];
        long sent = 0;
        long received = 0;
        long lost = 0;
        ByteBuffer out = ByteBuffer.allocateDirect(Math.max(payload, 8));
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < flows; i++) {
                channels[i] = DatagramChannel.open();
                channels[i].connect(target);
                channels[i].configureBlocking(false);
                channels[i].register(selector, SelectionKey.OP_READ, i);
            }
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long now = start;
            for (int i = 0; i < flows; i++) {
                lastReply[i] = now;
            }
            while (now < end) {
                for (int i = 0; i < flows; i++) {
                    if (now - lastReply[i] > REFILL_NANOS && outstanding[i] > 0) {
                        lost += outstanding[i];
                        outstanding[i] = 0;
                        lastReply[i] = now;
                    }
                    while (outstanding[i] < window) {
                        if (!send(channels[i], out, payload)) {
                            break;
                        }
                        outstanding[i]++;
                        sent++;
                    }
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    int flow = (Integer) key.attachment();
                    DatagramChannel channel = channels[flow];
                    while (channel.read(in.clear()) > 0) {
                        long arrived = System.nanoTime();
                        long micros = (arrived - in.getLong(0)) / 1000;
                        histogram[(int) Math.min(Math.max(micros, 0), MAX_MICROS)]++;
                        received++;
                        lastReply[flow] = arrived;
                        if (outstanding[flow] > 0) {
                            outstanding[flow]--;
                        }
                        if (outstanding[flow] < window && send(channel, out, payload)) {
                            outstanding[flow]++;
                            sent++;
                        }
                    }
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
            }
            double elapsed = (now - start) / 1e9;
            System.out.printf("BENCH seconds=%.3f sent=%d received=%d lost=%d p50_us=%d p99_us=%d%n", elapsed, sent,
                    received, lost, percentile(histogram, received, 0.50), percentile(histogram, received, 0.99));
        } finally {
            for (DatagramChannel channel : channels) {
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** Sends one request stamped with the time; false when the socket's buffer is full. */
    private static boolean send(DatagramChannel channel, ByteBuffer out, int payload) throws IOException {
        out.clear().limit(Math.max(payload, 8));
        out.putLong(0, System.nanoTime());
        try {
            return channel.write(out) > 0;
        } catch (java.net.PortUnreachableException e) {
            return false; // an ICMP error while nothing forwards yet: the window is refilled later
        }
    }

    /** THREADS threads opening connections (connect, then close with RST) to target, for SECONDS. */
    private static void connect(InetSocketAddress target, long seconds, int threads) throws Exception {
        AtomicLongArray histogram = new AtomicLongArray(MAX_MICROS + 1);
        AtomicLong connected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    try (Socket socket = new Socket()) {
                        socket.setSoLinger(true, 0);
                        socket.connect(target, 1000);
                        long micros = (System.nanoTime() - before) / 1000;
                        histogram.incrementAndGet((int) Math.min(micros, MAX_MICROS));
                        connected.incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] counts = new long[MAX_MICROS + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = histogram.get(i);
        }
        System.out.printf("BENCH seconds=%.3f connected=%d failed=%d p50_us=%d p99_us=%d%n", elapsed, connected.get(),
                failed.get(), percentile(counts, connected.get(), 0.50), percentile(counts, connected.get(), 0.99));
    }

    private static long percentile(long[] histogram, long total, double fraction) {
        long rank = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank && rank > 0) {
                return i;
            }
        }
        return 0;
    }
}
