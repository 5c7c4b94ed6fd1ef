package io.jlvs.daemon.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One run of a lab: builds the plan's network, starts the real servers' HTTP servers and jlvsd in
 * packet mode, configures them as the seed does (each command printed as it runs), sends the
 * client's requests and download, judges the checks, prints the director's stats and connections,
 * and tears everything down (also on a failure, and on Ctrl-C through a shutdown hook) unless kept.
 */
public final class Lab {
    /** The line jlvs daemon prints once it serves (DaemonCommand.READY). */
    static final String DAEMON_READY = "jlvsd ready";
    private static final long DAEMON_READY_SECONDS = 120;
    private static final long SERVER_READY_SECONDS = 60;
    private static final long DOWNLOAD_SECONDS = 300;

    private final LabPlan plan;
    private final int requests;
    private final boolean keep;
    private final PrintStream out;
    private final Path work;
    private final Path socket;
    private final String prefix;
    private final LabNetwork network;
    private final AtomicBoolean finished = new AtomicBoolean();
    private boolean realServersSetUp;

    /**
     * A lab ready to run.
     *
     * @param plan the lab
     * @param requests how many requests the client sends (at least 1)
     * @param keep leave everything up at the end, and say how to enter and remove it
     * @param jlvs how to run this jlvs in another process
     * @param prefix the unique prefix of the lab's namespaces
     * @param work a private directory for logs, jlvsd's socket and state (removed at the end unless kept)
     * @param out where the walkthrough goes
     */
    public Lab(LabPlan plan, int requests, boolean keep, JlvsLauncher jlvs, String prefix, Path work, PrintStream out) {
        this.plan = plan;
        this.requests = requests;
        this.keep = keep;
        this.out = out;
        this.work = work;
        this.socket = work.resolve("run").resolve("jlvsd.sock");
        this.prefix = prefix;
        this.network = new LabNetwork(prefix, work, out, jlvs, Map.of("JLVS_SOCKET", socket.toString()));
    }

    /** Runs the lab; returns 0 only when every check held. */
    public int run() {
        Thread hook = Thread.ofPlatform().name("jlvs-lab-teardown").unstarted(this::finish);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return walkthrough();
        } catch (LabFailure e) {
            if (!finished.get()) {
                // after Ctrl-C the failure is only the teardown pulling the lab away
                out.println("FAIL " + e.getMessage());
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("FAIL interrupted");
            return 1;
        } finally {
            finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook has run finish() already
            }
        }
    }

    private int walkthrough() throws LabFailure, InterruptedException {
        out.println("# jlvs lab " + plan.kind().label() + ": " + plan.source());
        out.println("# hosts are network namespaces " + network.namespace("*") + " (" + String.join(", ", plan.roles())
                + "; " + LabPlan.SWITCH + " holds the LANs' bridges); 'jlvs' is this jlvs; logs, socket and state in " + work);
        section("the machines and their LANs");
        for (Step step : LabTopology.steps(plan, prefix)) {
            network.run(step);
        }
        section("addresses, routes and settings, as the seed sets them");
        for (Step step : plan.hostSetup()) {
            network.run(step);
        }
        section("an HTTP server on each real server (it answers its name and the client address it saw)");
        for (RealServer server : plan.realServers()) {
            LabNetwork.Started started = network.start(server.name(), Step.on(server.role(), Step.JLVS, LabServerCommand.NAME,
                    "--name", server.name(), "--port", String.valueOf(plan.port())));
            network.awaitReady(started, LabServerCommand.READY, SERVER_READY_SECONDS);
        }
        if (!plan.realServerSetup().isEmpty()) {
            section("the real servers' side of " + plan.kind().label() + " (the seed's real-server script)");
            realServersSetUp = true;
            for (RealServer server : plan.realServers()) {
                network.run(realServerSetup(server, "start"));
            }
        }
        section("jlvsd in packet mode on the director");
        LabNetwork.Started daemon = network.start("jlvsd", daemonStep());
        network.awaitReady(daemon, DAEMON_READY, DAEMON_READY_SECONDS);
        out.println("$ export JLVS_SOCKET=" + socket);
        for (List<String> command : plan.serviceSetup()) {
            network.run(adm(command.toArray(String[]::new)));
        }
        network.run(adm("-Ln"));
        section(requests + " requests to " + plan.url() + ", each on a new connection, then the 100 MiB download");
        long directorBefore = directorSent();
        long clientBefore = clientReceived();
        String client = network.run(Step.on(plan.client(), Step.JLVS, LabClientCommand.NAME, "--service", plan.service(),
                "--requests", String.valueOf(requests), "--download-seconds", String.valueOf(DOWNLOAD_SECONDS)),
                LabHttpClient.MAX_REQUEST_SECONDS * requests + DOWNLOAD_SECONDS + 60);
        long directorSent = directorSent() - directorBefore;
        long clientReceived = clientReceived() - clientBefore;
        ClientReport report = ClientReport.parse(client.lines().toList());
        List<CheckResult> checks = checks(report, directorSent, clientReceived);
        section("checks");
        out.println("# over the run the director's interfaces sent " + LabChecks.mib(directorSent)
                + " and the client's received " + LabChecks.mib(clientReceived));
        checks.forEach(out::println);
        section("the director's view");
        network.run(adm("-Ln", "--stats"));
        network.run(adm("-Lnc"));
        long failed = checks.stream().filter(c -> !c.passed()).count();
        out.println();
        out.println(failed == 0 ? "jlvs lab " + plan.kind().label() + ": all " + checks.size() + " checks passed"
                : "jlvs lab " + plan.kind().label() + ": " + failed + " of " + checks.size() + " checks failed");
        return failed == 0 ? 0 : 1;
    }

    /** The checks of this lab, judged on what the client and the counters observed. */
    private List<CheckResult> checks(ClientReport report, long directorSent, long clientReceived) {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(LabChecks.answered(requests, report, plan.realServers()));
        checks.add(LabChecks.split(plan.scheduler(), plan.realServers(), report.answers()));
        checks.add(switch (plan.proof()) {
            case ModeProof.SeesClient(String address) -> LabChecks.sawAddress(address, "the client's address", report.answers());
            case ModeProof.SeesLocalAddress(String address) -> LabChecks.sawAddress(address, "the director's local address",
                    report.answers());
            case ModeProof.RepliesBypassDirector() -> LabChecks.bypass(directorSent, clientReceived);
        });
        checks.add(LabChecks.download(report));
        return checks;
    }

    private Step daemonStep() {
        List<String> argv = new ArrayList<>(List.of(Step.JLVS, "daemon", "--mode", "packet"));
        for (String iface : plan.directorInterfaces()) {
            argv.addAll(List.of("--iface", iface));
        }
        argv.addAll(List.of("--socket", socket.toString(), "--state-dir", work.resolve("state").toString()));
        return new Step(plan.director(), argv);
    }

    private Step adm(String... args) {
        List<String> argv = new ArrayList<>(List.of(Step.JLVS, "adm"));
        argv.addAll(List.of(args));
        return new Step(plan.director(), argv);
    }

    private Step realServerSetup(RealServer server, String action) {
        List<String> argv = new ArrayList<>(List.of(Step.JLVS, "rs-setup"));
        argv.addAll(plan.realServerSetup());
        argv.add(action);
        return new Step(server.role(), argv);
    }

    /** Bytes sent by all of the director's interfaces (its tx_bytes counters). */
    private long directorSent() throws LabFailure {
        long sent = 0;
        for (String iface : plan.directorInterfaces()) {
            sent += network.counter(plan.director(), iface, "tx_bytes");
        }
        return sent;
    }

    /** Bytes received by all of the client's interfaces. */
    private long clientReceived() throws LabFailure {
        long received = 0;
        for (Attachment a : plan.attachments()) {
            if (a.role().equals(plan.client())) {
                received += network.counter(a.role(), a.iface(), "rx_bytes");
            }
        }
        return received;
    }

    private void section(String title) {
        out.println();
        out.println("# " + title);
    }

    /** Tears down (or, with --keep, says how to), once, whether from the end of run or from Ctrl-C. */
    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (keep) {
            printKept();
            return;
        }
        section("tearing down");
        if (realServersSetUp) {
            for (RealServer server : plan.realServers()) {
                Step stop = realServerSetup(server, "stop");
                LabNetwork.Result result = network.execute(stop);
                out.println("$ " + network.display(stop) + (result.status() == 0 ? "" : "   # exited " + result.status()
                        + ": " + result.output().strip()));
            }
        }
        network.close();
        deleteTree(work);
        out.println("$ rm -r " + work);
    }

    private void printKept() {
        section("the lab stays up (--keep)");
        out.println("# a shell on a host:  ip netns exec " + network.namespace(plan.client()) + " bash   (or "
                + String.join(", ", plan.roles().stream().filter(r -> !r.equals(plan.client())).map(network::namespace).toList())
                + ")");
        out.println("# the director's table:  ip netns exec " + network.namespace(plan.director()) + " env JLVS_SOCKET="
                + socket + " jlvs adm -Ln");
        out.println("# to remove it:");
        if (realServersSetUp) {
            for (RealServer server : plan.realServers()) {
                out.println("  " + network.display(realServerSetup(server, "stop")));
            }
        }
        for (LabNetwork.Started s : network.started()) {
            if (s.process().isAlive()) {
                out.println("  kill " + s.process().pid() + "   # " + s.what());
            }
        }
        for (String namespace : network.namespaces().reversed()) {
            out.println("  ip netns del " + namespace);
        }
        out.println("  rm -r " + work);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("jlvs lab: could not remove " + root + ": " + e.getMessage());
        }
    }
}
