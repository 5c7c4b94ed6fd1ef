package io.jlvs.daemon.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code jlvs lab-client} (hidden): a lab's client, run by jlvs lab in the client's namespace; it
 * prints what it observed as {@link ClientReport} lines and exits 0 (the lab judges them).
 */
@Command(name = LabClientCommand.NAME, hidden = true, mixinStandardHelpOptions = true,
        description = "Send N HTTP requests to VIP:PORT, each on a new connection, then download the lab's 100 MiB"
                + " body, printing what each brought.")
public final class LabClientCommand implements Callable<Integer> {
    static final String NAME = "lab-client";

    @Option(names = "--service", required = true, paramLabel = "VIP:PORT", description = "the virtual service")
    String service;

    @Option(names = "--requests", paramLabel = "N", description = "how many requests (default: ${DEFAULT-VALUE})")
    int requests = 20;

    @Option(names = "--download-seconds", paramLabel = "S", description = "the download's time limit (default: ${DEFAULT-VALUE})")
    int downloadSeconds = 300;

    @Override
    public Integer call() {
        int colon = service.lastIndexOf(':');
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.ofLiteral(service.substring(0, colon)),
                    Integer.parseInt(service.substring(colon + 1)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            System.err.println("jlvs lab-client: --service must be VIP:PORT, not '" + service + "'");
            return 2;
        }
        run(new LabHttpClient(address), requests, Duration.ofSeconds(downloadSeconds), System.out);
        return 0;
    }

    /** The client's whole run, each observation printed as it happens. */
    static void run(LabHttpClient client, int requests, Duration downloadLimit, PrintStream out) {
        for (int i = 1; i <= requests; i++) {
            try {
                out.println(ClientReport.answerLine(i, client.get()));
            } catch (IOException | RuntimeException e) {
                out.println(ClientReport.failedLine(i, e.toString()));
            }
            out.flush();
        }
        try {
            out.println(ClientReport.downloadLine(client.download(downloadLimit)));
        } catch (IOException | RuntimeException e) {
            out.println(ClientReport.downloadFailedLine(e.toString()));
        }
        out.flush();
    }
}
