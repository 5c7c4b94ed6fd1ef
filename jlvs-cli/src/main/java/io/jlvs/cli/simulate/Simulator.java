package io.jlvs.cli.simulate;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.ServiceManager;
import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.LocalEngine;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * jlvs simulate: applies ipvsadm command lines to a private in-memory table and prints which real
 * server each listed new connection would get. Connection lines:
 * <pre>
 *   tcp|udp|sctp CLIENT:PORT VIP:PORT
 *   fwm MARK CLIENT:PORT DADDR:PORT
 * </pre>
 * Every simulated connection is brought to ESTABLISHED through the kernel's state tables and stays
 * so until the script ends, so least-connection schedulers see it. The clock stands still.
 */
public final class Simulator {
    /** Entries (connections plus persistence templates) one script can create. */
    public static final int CAPACITY = 1 << 18;
    /** The connection table's size before a script needs more. */
    private static final int INITIAL_CAPACITY = 1024;

    /** Engine waits never time out in practice: the local engine answers at once. */
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(10);

    private final ServiceManager manager = new ServiceManager();
    private final EngineCore core;
    private final PrintStream out;
    private final PrintStream err;

    public Simulator(SchedulerContext context, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        // The engine core every data plane uses, on a clock that stands still; its connection
        // table starts small and grows as the script makes connections, up to CAPACITY.
        this.core = new EngineCore(context, ConnectionOptions.DEFAULT, INITIAL_CAPACITY, CAPACITY, () -> 0L);
        manager.attach(new LocalEngine("simulate", core), ENGINE_TIMEOUT, ENGINE_TIMEOUT);
    }

    /**
     * Runs a script. It stops at the first line that fails and returns that line's exit status
     * (ipvsadm's for an ipvsadm line, 2 for a connection line it cannot read); 0 otherwise.
     */
    public int run(BufferedReader script) throws IOException {
        String line;
        int number = 0;
        while ((line = script.readLine()) != null) {
            number++;
            int status = runLine(line.strip());
            if (status != 0) {
                err.println("jlvs simulate: stopped at line " + number + ": " + line.strip());
                return status;
            }
        }
        return 0;
    }

    private int runLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return 0;
        }
        List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        String first = words.getFirst().toLowerCase(Locale.ROOT);
        try {
            switch (first) {
                case "tcp", "udp", "sctp" -> {
                    expectWords(words, 3, first + " CLIENT:PORT VIP:PORT");
                    Protocol protocol = Protocol.valueOf(first.toUpperCase(Locale.ROOT));
                    return connect(protocol, 0, Endpoint.parse(words.get(1)), Endpoint.parse(words.get(2)));
                }
                case "fwm" -> {
                    expectWords(words, 4, "fwm MARK CLIENT:PORT DADDR:PORT");
                    return connect(Protocol.TCP, parseMark(words.get(1)),
                            Endpoint.parse(words.get(2)), Endpoint.parse(words.get(3)));
                }
                default -> {
                    if (first.equals("ipvsadm")) {
                        words.removeFirst();
                    }
                    return Ipvsadm.run(words.toArray(String[]::new), manager::handle,
                            new ByteArrayInputStream(new byte[0]), out, err);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("jlvs simulate: " + e.getMessage());
            return 2;
        }
    }

    private int connect(Protocol protocol, int mark, Endpoint client, Endpoint target) {
        if (AddressFamily.of(client.address()) != AddressFamily.of(target.address())) {
            throw new IllegalArgumentException("client and virtual address must be of one family: "
                    + client + " " + target);
        }
        Flow flow = core.flow();
        flow.set(protocol, client.address(), client.port(), target.address(), target.port()).setMark(mark);
        VirtualService service = core.lookup(protocol, target.address(), target.port(), mark);
        RealServer chosen = service == null ? null : core.establish(service, flow);
        out.println(chosen == null ? "-" : new Endpoint(chosen.address(), chosen.port()).toString());
        return 0;
    }

    private static void expectWords(List<String> words, int count, String form) {
        if (words.size() != count) {
            throw new IllegalArgumentException("expected '" + form + "', got '" + String.join(" ", words) + "'");
        }
    }

    private static int parseMark(String text) {
        try {
            long mark = text.startsWith("0x") || text.startsWith("0X")
                    ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            if (mark <= 0 || mark > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return (int) mark;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid firewall mark '" + text + "' (1 to 4294967295)");
        }
    }
}
