package io.jlvs.daemon.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code jlvs lab-server} (hidden): a lab's real server, run by jlvs lab in the real server's namespace until killed. */
@Command(name = LabServerCommand.NAME, hidden = true, mixinStandardHelpOptions = true,
        description = "Serve HTTP as a jlvs lab's real server: GET / answers NAME and the client address seen,"
                + " GET " + LabHttpServer.DOWNLOAD + " the lab's 100 MiB body. Runs until killed.")
public final class LabServerCommand implements Callable<Integer> {
    static final String NAME = "lab-server";
    /** The line printed once it listens. */
    static final String READY = "lab-server ready";

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "the name it answers with")
    String name;

    @Option(names = "--port", paramLabel = "PORT", description = "the port (default: ${DEFAULT-VALUE})")
    int port = 80;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "the address (default: ${DEFAULT-VALUE}, all)")
    String address = "0.0.0.0";

    @Override
    public Integer call() throws Exception {
        try (LabHttpServer server = LabHttpServer.start(name, new InetSocketAddress(InetAddress.ofLiteral(address), port))) {
            System.out.println(READY + ": " + name + " on " + server.address().getAddress().getHostAddress() + ":"
                    + server.address().getPort());
            System.out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
