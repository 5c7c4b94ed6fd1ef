package io.jlvs.daemon.quickstart;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.control.HostFacts;
import io.jlvs.daemon.DaemonMode;
import io.jlvs.daemon.DaemonStartupException;
import io.jlvs.daemon.Jlvsd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * jlvs quickstart: jlvsd in proxy mode on a private socket and state dir, two demo HTTP real servers
 * on loopback, a round-robin virtual service on 127.0.0.1:PORT set up with the jlvs adm commands a
 * user would type (each printed as it runs), then requests that show which server answered.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run jlvs in proxy mode on loopback with two demo real servers and show it balancing.")
public final class QuickstartCommand implements Callable<Integer> {
    private static final String VIP = "127.0.0.1";
    /** The command the walkthrough shows, and the name its ipvsadm messages use. */
    private static final String ADM = "jlvs adm";

    @Option(names = "--port", paramLabel = "PORT", description = "the virtual service's port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--requests", paramLabel = "N",
            description = "send N requests, print the stats and exit (default: 10 requests, then serve until Ctrl-C)")
    Integer requests;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        // The walkthrough is the output: jlvsd's own log stays quiet unless something goes wrong.
        System.setProperty("jlvs.log.level", System.getProperty("jlvs.log.level", "WARN"));
        if (port < 1 || port > 65535) {
            System.err.println("jlvs quickstart: --port must be 1 to 65535, not " + port);
            return 2;
        }
        if (requests != null && requests < 0) {
            System.err.println("jlvs quickstart: --requests must not be negative");
            return 2;
        }
        if (!isFree(port)) {
            System.err.println("jlvs quickstart: " + VIP + ":" + port + " is already in use; pick another port with --port N");
            return 1;
        }
        Path work = Files.createTempDirectory("jlvs-quickstart-");
        try (Session session = Session.open(work, out)) {
            return run(session);
        } finally {
            deleteTree(work);
        }
    }

    private int run(Session session) throws Exception {
        String service = VIP + ":" + port;
        out.println("# jlvsd is running in proxy mode; to use it from another shell:");
        out.println("export JLVS_SOCKET=" + session.daemon().socket());
        out.println();
        out.println("# two demo HTTP real servers, each answering with its name:");
        for (DemoServer server : session.servers()) {
            out.println("#   " + server.name() + " on " + server.endpoint());
        }
        out.println();
        int status = session.adm("-A", "-t", service, "-s", "rr");
        for (DemoServer server : session.servers()) {
            status |= session.adm("-a", "-t", service, "-r", server.endpoint(), "-m");
        }
        if (status != 0) {
            return 1;
        }
        session.adm("-Ln");
        int count = requests == null ? 10 : requests;
        out.println();
        out.println("# " + count + " requests to http://" + service + "/, each on a new connection:");
        Map<String, Integer> answered = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String body = DemoRequest.get(VIP, port);
            answered.merge(body, 1, Integer::sum);
            out.printf("request %2d: %s%n", i, body);
        }
        out.println();
        answered.forEach((body, n) -> out.println("# " + n + " x " + body));
        session.adm("-Ln", "--stats");
        if (requests != null) {
            return 0;
        }
        out.println();
        out.println("# serving http://" + service + "/ until Ctrl-C (try: curl http://" + service + "/)");
        CountDownLatch interrupted = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            interrupted.countDown();
            session.close();
        }));
        interrupted.await();
        return 0;
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(VIP), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The daemon, the demo servers and a client, closed together once. */
    private static final class Session implements AutoCloseable {
        private final Jlvsd daemon;
        private final DemoServer[] servers;
        private final SocketControlClient client;
        private final PrintStream out;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Session(Jlvsd daemon, DemoServer[] servers, PrintStream out) {
            this.daemon = daemon;
            this.servers = servers;
            this.client = new SocketControlClient(daemon.socket());
            this.out = out;
        }

        static Session open(Path work, PrintStream out) throws IOException, DaemonStartupException {
            Jlvsd daemon = Jlvsd.start(work.resolve("jlvsd.sock"), work.resolve("state"), HostFacts.system(),
                    DaemonMode.PROXY);
            try {
                return new Session(daemon, new DemoServer[] {DemoServer.start("web1", VIP), DemoServer.start("web2", VIP)}, out);
            } catch (IOException | RuntimeException e) {
                daemon.close();
                throw e;
            }
        }

        Jlvsd daemon() {
            return daemon;
        }

        DemoServer[] servers() {
            return servers;
        }

        /** Runs one jlvs adm command against the daemon, printed first as a user would type it. */
        int adm(String... args) {
            out.println("$ " + ADM + " " + String.join(" ", args));
            return Ipvsadm.run(ADM, args, client, new ByteArrayInputStream(new byte[0]), out, System.err);
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            client.close();
            for (DemoServer server : servers) {
                server.close();
            }
            daemon.close();
        }
    }
}
