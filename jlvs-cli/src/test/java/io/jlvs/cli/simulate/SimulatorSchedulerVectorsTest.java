package io.jlvs.cli.simulate;

import io.jlvs.core.sched.SchedulerContext;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scheduler vectors for all 14 algorithms, run through jlvs simulate as a user would. Real servers
 * A=10.1.0.1, B=10.1.0.2, C=10.1.0.3 (port 80) are added in that order, so the kernel's list is
 * C, B, A (newest first). Each expected sequence is worked out by hand from net/netfilter/ipvs;
 * every connection stays ESTABLISHED (ActiveConn) to the end of its script.
 */
class SimulatorSchedulerVectorsTest {
    private static final String A = "10.1.0.1:80";
    private static final String B = "10.1.0.2:80";
    private static final String C = "10.1.0.3:80";

    private static String simulate(String script) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Simulator(new SchedulerContext(new SplittableRandom(1)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new BufferedReader(new StringReader(script)));
        assertEquals(0, status, () -> "simulate failed: " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip().replace("\n", " ");
    }

    /** A TCP service on 10.0.0.1:80 with NAT real servers A, B, C of the given weights (0 = not added). */
    private static String service(String scheduler, int a, int b, int c) {
        StringBuilder s = new StringBuilder("ipvsadm -A -t 10.0.0.1:80 -s " + scheduler + "\n");
        int[] weights = {a, b, c};
        for (int i = 0; i < 3; i++) {
            if (weights[i] > 0) {
                s.append("ipvsadm -a -t 10.0.0.1:80 -r 10.1.0.").append(i + 1).append(":80 -m -w ").append(weights[i]).append('\n');
            }
        }
        return s.toString();
    }

    private static String connections(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append("tcp 198.51.100.").append(i).append(":1234 10.0.0.1:80\n");
        }
        return s.toString();
    }

    private static String seq(String... servers) {
        return String.join(" ", servers);
    }

    @Test
    void rrWalksTheListFromItsHeadAndSkipsAQuiescedServer() throws Exception {
        // The cursor starts at the list head: C, B, A, then C again. With B at weight 0, C, A, C.
        assertEquals(seq(C, B, A, C, A, C), simulate(service("rr", 1, 1, 1) + connections(4)
                + "-e -t 10.0.0.1:80 -r 10.1.0.2:80 -m -w 0\n" + connections(2)));
    }

    @Test
    void wrrStepsDownFromTheMaximumByTheGcd() throws Exception {
        // After the three adds the hooks leave cw = 1: first pass C B A. Then cw = 4: A; 3: B A;
        // 2: C B A; 1: C B A; then 4 again: A.
        assertEquals(seq(C, B, A, A, B, A, C, B, A, C, B, A, A),
                simulate(service("wrr", 4, 3, 2) + connections(13)));
    }

    @Test
    void lcPicksTheLeastOverheadAndTheFirstOnTies() throws Exception {
        // All idle: C; then C has 256: B; then A; then all 256: C. A at weight 0 is skipped: B.
        assertEquals(seq(C, B, A, C, B), simulate(service("lc", 1, 1, 1) + connections(4)
                + "-e -t 10.0.0.1:80 -r 10.1.0.1:80 -m -w 0\n" + connections(1)));
    }

    @Test
    void wlcWeighsOverheadAgainstWeight() throws Exception {
        // A w1, B w3; list B, A. loh*w(A) > doh*w(B) moves to A: B(0); A(256*1>0); B(256>768? no,
        // first wins); B(512 vs 768 no); B(768 vs 768 no); A(1024 > 768).
        assertEquals(seq(B, A, B, B, B, A), simulate(service("wlc", 1, 3, 0) + connections(6)));
    }

    @Test
    void sedCountsTheConnectionAboutToBeAdded() throws Exception {
        // (active+1): B 1 vs A 1*3 no; B 2 no; B 3 vs 3 no; B 4 > 3: A; B 4 vs A 2*3 no; 5; 6 vs 6 no; 7 > 6: A.
        assertEquals(seq(B, B, B, A, B, B, B, A), simulate(service("sed", 1, 3, 0) + connections(8)));
    }

    @Test
    void nqSendsToAnIdleServerFirst() throws Exception {
        // B idle: B; A idle: A; then sed's rule: B 2 vs A 2*3 no, ... until B 7 > 6: A.
        assertEquals(seq(B, A, B, B, B, B, B, A), simulate(service("nq", 1, 3, 0) + connections(8)));
    }

    @Test
    void foUsesTheFirstHighestWeight() throws Exception {
        // A 5, B 10, C 10; list C, B, A: C while it is highest; C down to weight 1: B.
        assertEquals(seq(C, C, B), simulate(service("fo", 5, 10, 10) + connections(2)
                + "-e -t 10.0.0.1:80 -r 10.1.0.3:80 -m -w 1\n" + connections(1)));
    }

    @Test
    void ovfFillsTheHighestWeightUntilItsActiveConnectionsExceedIt() throws Exception {
        // A w2, B w1. A takes 3 (skipped only when active > weight), then B 2, then none.
        assertEquals(seq(A, A, A, B, B, "-"), simulate(service("ovf", 2, 1, 0) + connections(6)));
    }

    @Test
    void twosNeverPicksAQuiescedServer() throws Exception {
        assertEquals(seq(A, A, A, B, B, B), simulate(service("twos", 1, 0, 0)
                + "ipvsadm -a -t 10.0.0.1:80 -r 10.1.0.2:80 -m -w 0\n" + connections(3)
                + "-e -t 10.0.0.1:80 -r 10.1.0.2:80 -m -w 1\n-e -t 10.0.0.1:80 -r 10.1.0.1:80 -m -w 0\n"
                + connections(3)));
    }

    @Test
    void dhHashesTheDestinationAddressIntoTheListOrderTable() throws Exception {
        // Buckets i -> list[i % 3] = C, B, A, ...; hash_32(daddr, 8): 192.0.2.1 -> 50 (A),
        // 192.0.2.2 -> 148 (B), 192.0.2.3 -> 246 (C), 192.0.2.4 -> 88 (B).
        String script = "-A -f 1 -s dh\n-a -f 1 -r 10.1.0.1:80 -m\n-a -f 1 -r 10.1.0.2:80 -m\n-a -f 1 -r 10.1.0.3:80 -m\n"
                + "fwm 1 198.51.100.1:1000 192.0.2.1:80\nfwm 1 198.51.100.2:1000 192.0.2.2:80\n"
                + "fwm 1 198.51.100.3:1000 192.0.2.3:80\nfwm 1 198.51.100.4:1000 192.0.2.4:80\n"
                + "fwm 1 198.51.100.9:1000 192.0.2.1:80\n";
        assertEquals(seq(A, B, C, B, A), simulate(script));
    }

    @Test
    void shHashesTheClientAndWithShPortItsPortToo() throws Exception {
        // Weights 1: bucket i -> list[i % 3]. hash_32(saddr, 8): .1 -> 96 (C), .2 -> 194 (A),
        // .3 -> 35 (A), .4 -> 133 (B), .5 -> 231 (C). With sh-port, hash_32(1234 + saddr):
        // .1 -> B, .2 -> A, .3 -> B, .4 -> C.
        assertEquals(seq(C, A, A, B, C), simulate(service("sh", 1, 1, 1) + connections(5)));
        assertEquals(seq(B, A, B, C), simulate(service("sh -b sh-port", 1, 1, 1) + connections(4)));
    }

    @Test
    void mhLooksTheClientUpInTheMaglevTable() throws Exception {
        // From jlvs-core/src/test/python/hash_vectors.py (an independent reading of ip_vs_mh.c):
        // clients .1..5 -> B C A A C; with mh-port (port 1234) -> C A C C B.
        assertEquals(seq(B, C, A, A, C), simulate(service("mh", 1, 1, 1) + connections(5)));
        assertEquals(seq(C, A, C, C, B), simulate(service("mh -b mh-port", 1, 1, 1) + connections(5)));
    }

    @Test
    void lblcKeepsADestinationAddressOnItsServerUntilItIsOverloaded() throws Exception {
        // A w10, B w10 (list B, A). 192.0.2.1: wlc -> B, cached; again B; 192.0.2.2: B 512 vs A 0
        // -> A; 192.0.2.1 -> B (3 active); 192.0.2.3: B 768 vs A 256 -> A. Then B's weight 1:
        // 3 > 1 and A has 2*2 < 10, so B is overloaded: wlc over B(768, w1), A(512, w10) -> A.
        String script = "-A -f 1 -s lblc\n-a -f 1 -r 10.1.0.1:80 -m -w 10\n-a -f 1 -r 10.1.0.2:80 -m -w 10\n"
                + "fwm 1 198.51.100.1:1000 192.0.2.1:80\nfwm 1 198.51.100.2:1000 192.0.2.1:80\n"
                + "fwm 1 198.51.100.3:1000 192.0.2.2:80\nfwm 1 198.51.100.4:1000 192.0.2.1:80\n"
                + "fwm 1 198.51.100.5:1000 192.0.2.3:80\n-e -f 1 -r 10.1.0.2:80 -m -w 1\n"
                + "fwm 1 198.51.100.6:1000 192.0.2.1:80\n";
        assertEquals(seq(B, B, A, B, A, A), simulate(script));
    }

    @Test
    void lblcrAddsAServerToTheSetWhenItsLeastLoadedMemberIsOverloaded() throws Exception {
        // 192.0.2.1 -> B (set {B}); again B; 192.0.2.2 -> A. B's weight 1: B (2 active > 1) is
        // overloaded while A has 1*2 < 10, so A joins the set {A, B}; then the set's weighted
        // minimum is A (512*1 > 512*10 is false for B).
        String script = "-A -f 1 -s lblcr\n-a -f 1 -r 10.1.0.1:80 -m -w 10\n-a -f 1 -r 10.1.0.2:80 -m -w 10\n"
                + "fwm 1 198.51.100.1:1000 192.0.2.1:80\nfwm 1 198.51.100.2:1000 192.0.2.1:80\n"
                + "fwm 1 198.51.100.3:1000 192.0.2.2:80\n-e -f 1 -r 10.1.0.2:80 -m -w 1\n"
                + "fwm 1 198.51.100.4:1000 192.0.2.1:80\nfwm 1 198.51.100.5:1000 192.0.2.1:80\n";
        assertEquals(seq(B, B, A, A, A), simulate(script));
    }

    @Test
    void persistenceKeepsAClientOnItsServerAcrossPorts() throws Exception {
        // -p: the template for 198.51.100.1 binds it to its first server whatever the source port.
        String script = service("rr -p 300", 1, 1, 1)
                + "tcp 198.51.100.1:1000 10.0.0.1:80\ntcp 198.51.100.1:1001 10.0.0.1:80\n"
                + "tcp 198.51.100.2:1000 10.0.0.1:80\ntcp 198.51.100.1:1002 10.0.0.1:80\n";
        assertEquals(seq(C, C, B, C), simulate(script));
    }

    @Test
    void aConnectionToNoServiceGetsADash() throws Exception {
        assertEquals("-", simulate(service("rr", 1, 0, 0) + "tcp 198.51.100.1:1000 10.0.0.2:80\n"));
    }
}
