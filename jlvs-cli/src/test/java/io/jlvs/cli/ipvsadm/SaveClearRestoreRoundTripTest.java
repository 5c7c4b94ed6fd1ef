package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * -S, -C and -R round-trip 1,000 generated services with their real servers and FULLNAT local
 * addresses (Alibaba's -P lines, whose order is kept): what -S prints, -R
 * reads back into the same table, and -S then prints the same bytes. (Thresholds are left out: ipvsadm's
 * -S does not save them either.)
 */
class SaveClearRestoreRoundTripTest {
    private static final String[] SCHEDULERS = {"rr", "wrr", "lc", "wlc", "sed", "nq", "lblc", "lblcr", "dh", "sh",
            "mh", "fo", "ovf", "twos"};
    private static final String[] METHODS = {"-g", "-i", "-m", "--fullnat"};

    private final ServiceManager manager = new ServiceManager();

    private String ipvsadm(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ipvsadm.run(args, manager::handle, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void saveClearRestoreKeepsAThousandServicesByteForByte() {
        long seed = Seeds.seed(20261121L);
        List<String> rules = generate(Seeds.random(seed), 1000);
        for (String rule : rules) {
            ipvsadm("", rule.split(" "));
        }
        ServiceTable before = manager.table();
        assertEquals(1000, before.services().size(), "seed " + seed);

        String saved = ipvsadm("", "-S", "-n");
        ipvsadm("", "-C");
        assertEquals(0, manager.table().services().size());
        ipvsadm(saved, "-R");

        // -S lists in sorted order, so -R rebuilds the same services and real servers in that order.
        List<String> expected = normalized(before);
        List<String> actual = normalized(manager.table());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "seed " + seed + ", service " + i);
        }
        assertEquals(expected.size(), actual.size());
        assertEquals(saved, ipvsadm("", "-S", "-n"), "seed " + seed);
    }

    /**
     * The table's services and real servers as sorted text, independent of list order; each
     * service's local addresses in their order, which -S and -R keep.
     */
    private static List<String> normalized(ServiceTable table) {
        return table.services().stream()
                .map(s -> s.spec() + " " + s.destinations().stream().map(Object::toString).sorted().toList()
                        + " " + s.localAddresses())
                .sorted().toList();
    }

    /** ipvsadm command lines for n distinct services with 0 to 5 real servers and 0 to 3 local addresses each. */
    private static List<String> generate(RandomGenerator random, int n) {
        List<String> rules = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            boolean v6 = random.nextInt(4) == 0;
            int kind = random.nextInt(5);
            String service;
            boolean udp = false;
            int servicePort = 1 + random.nextInt(65535);
            if (kind == 0) {
                service = "-f " + (s + 1) + (v6 ? " -6" : "");
            } else {
                String vip = v6 ? "[2001:db8:" + Integer.toHexString(s) + "::1]" : "10." + (s >> 8) + "." + (s & 0xFF) + ".1";
                udp = kind == 2;
                String flag = switch (kind) {
                    case 1, 4 -> "-t";
                    case 2 -> "-u";
                    default -> "--sctp-service";
                };
                service = flag + " " + vip + ":" + servicePort;
            }
            String scheduler = SCHEDULERS[random.nextInt(SCHEDULERS.length)];
            StringBuilder add = new StringBuilder("-A " + service + " -s " + scheduler);
            if (random.nextInt(3) == 0) {
                add.append(" -p ").append(1 + random.nextInt(3600));
                if (random.nextBoolean()) {
                    add.append(" -M ").append(v6 ? String.valueOf(64 + random.nextInt(65)) : "255.255.255.0");
                }
            }
            if (udp && random.nextInt(3) == 0) {
                add.append(" -o");
            }
            if ((kind == 1 || kind == 4) && random.nextInt(4) == 0) {
                add.append(" --proxy-protocol ").append(random.nextBoolean() ? "v1" : "v2");
            }
            if (random.nextInt(5) == 0) {
                add.append(" -b ").append(switch (scheduler) {
                    case "sh" -> "sh-fallback,sh-port";
                    case "mh" -> "mh-port";
                    default -> "flag-3";
                });
            }
            rules.add(add.toString());
            int dests = random.nextInt(6);
            for (int d = 0; d < dests; d++) {
                String rip = v6 ? "[2001:db8:ffff:" + Integer.toHexString(s) + "::" + (d + 1) + "]"
                        : "172.16." + (s & 0xFF) + "." + (d + 1);
                String method = METHODS[random.nextInt(METHODS.length)];
                StringBuilder dest = new StringBuilder("-a " + service + " -r " + rip + ":" + (1 + random.nextInt(65535))
                        + " " + method + " -w " + random.nextInt(65536));
                // No -x/-y: ipvsadm's -S prints "-a %s -r %s %s -w %d" and so never saves thresholds.
                if (method.equals("-i") && random.nextInt(3) == 0) {
                    dest.append(" --tun-type gue --tun-port ").append(1 + random.nextInt(65535)).append(" --tun-csum");
                }
                rules.add(dest.toString());
            }
            int locals = random.nextInt(4);
            for (int l = 0; l < locals; l++) {
                // added out of order, so a restore that sorted them would show
                int host = locals - l;
                rules.add("-P " + service + " -z " + (v6 ? "2001:db8:eeee:" + Integer.toHexString(s) + "::" + host
                        : "192.168." + (s & 0xFF) + "." + host));
            }
        }
        return rules;
    }
}
