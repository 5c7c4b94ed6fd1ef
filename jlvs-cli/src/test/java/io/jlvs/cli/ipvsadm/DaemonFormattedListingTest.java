package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.api.ControlClient;
import io.jlvs.control.json.JlvsdErrorException;
import io.jlvs.control.json.WireCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A numeric listing formatted by jlvsd (Query.GetListing, NumericListings) prints byte for byte
 * what jlvs adm formats itself from the services, for every listing option, over the wire codec,
 * on tables from a seeded generator.
 */
class DaemonFormattedListingTest {

    private static final List<String> LISTINGS = List.of("-Ln", "-L -n --stats", "-Ln --rate", "-Ln --thresholds",
            "-Ln --persistent-conn", "-Ln --exact --stats", "-Ln --nosort", "-Ln --tun-info", "-Sn",
            "-S -n", "-Ln -t 10.0.0.1:80", "-Ln -u 10.0.0.1:53", "-Ln -f 5", "-Ln -t 10.9.9.9:1",
            "-Ln --stats -t [2001:db8::1]:443");

    @Test
    void jlvsdsTextEqualsTheClientsOwnForEveryListingOption() {
        for (long seed = 1; seed <= 20; seed++) {
            ServiceManager formatting = new ServiceManager();
            formatting.formatListingsWith(new NumericListings());
            ServiceManager plain = new ServiceManager();
            List<String> commands = table(new Random(seed));
            for (String command : commands) {
                assertEquals(0, Run.of(plain::handle, Run.words(command)).status(), command);
                assertEquals(0, Run.of(formatting::handle, Run.words(command)).status(), command);
            }
            for (String listing : LISTINGS) {
                Run expected = Run.of(plain::handle, Run.words(listing));
                Run formatted = Run.of(overTheWire(formatting), Run.words(listing));
                assertEquals(expected, formatted, "seed " + seed + ": " + listing);
            }
        }
    }

    @Test
    void aNumericListingComesFormattedAndAnotherDoesNot() {
        ServiceManager manager = new ServiceManager();
        manager.formatListingsWith(new NumericListings());
        List<String> asked = new ArrayList<>();
        ControlClient recording = request -> {
            asked.add(request.getClass().getSimpleName());
            return manager.handle(request);
        };
        Run.of(recording, Run.words("-A -t 10.0.0.1:80 -s rr"));
        Run.of(recording, Run.words("-Ln"));
        Run.of(recording, Run.words("-L"));
        assertEquals(List.of("AddService", "GetListing", "GetServices"), asked.stream()
                .filter(name -> !name.equals("ClaimProxyNotice")).toList());
    }

    /** The client over the wire codec both ways, as over the control socket. */
    private static ControlClient overTheWire(ServiceManager manager) {
        return request -> {
            String line = WireCodec.encode(manager.handle(WireCodec.decodeRequest(WireCodec.encode(request))));
            try {
                return WireCodec.decodeReply(line);
            } catch (JlvsdErrorException e) {
                throw new AssertionError(e);
            }
        };
    }

    /** Upper and lower connection thresholds, the lower not above the upper. */
    private static String thresholds(Random random) {
        int upper = 1 + random.nextInt(1000);
        return " -x " + upper + " -y " + random.nextInt(upper);
    }

    /** A table of services of every kind, with real servers of every method and options. */
    private static List<String> table(Random random) {
        List<String> commands = new ArrayList<>();
        String[] schedulers = {"rr", "wrr", "lc", "wlc", "sh", "dh", "mh", "lblc", "sed", "nq"};
        String[] methods = {"-m", "-g", "-i", "-i --tun-type gue --tun-port 6080", "--fullnat"};
        List<String> services = new ArrayList<>(List.of("-t 10.0.0.1:80", "-u 10.0.0.1:53", "-f 5",
                "-t [2001:db8::1]:443"));
        for (int i = 0; i < random.nextInt(8); i++) {
            services.add((random.nextBoolean() ? "-t " : "-u ") + "10.0." + random.nextInt(4) + "." + (2 + i) + ":"
                    + (1 + random.nextInt(65535)));
        }
        for (String service : services) {
            StringBuilder add = new StringBuilder("-A " + service + " -s " + schedulers[random.nextInt(schedulers.length)]);
            if (random.nextBoolean()) {
                add.append(" -p ").append(1 + random.nextInt(3600));
                if (!service.contains("[") && random.nextBoolean()) {
                    add.append(" -M 255.255.255.0");
                }
            }
            commands.add(add.toString());
            boolean ipv6 = service.contains("[");
            for (int r = 0; r < random.nextInt(5); r++) {
                String server = ipv6 ? "[2001:db8::" + (100 + r) + "]:" + (80 + r) : "192.168." + random.nextInt(3) + "."
                        + (10 + r) + ":" + (service.startsWith("-f") ? 0 : 80 + r);
                String method = methods[random.nextInt(methods.length)];
                if (ipv6 && method.startsWith("-i")) {
                    method = "-m";
                }
                commands.add("-a " + service + " -r " + server + " " + method + " -w " + random.nextInt(100)
                        + (random.nextBoolean() ? thresholds(random) : ""));
            }
        }
        assertTrue(commands.size() >= 4);
        return commands;
    }
}
