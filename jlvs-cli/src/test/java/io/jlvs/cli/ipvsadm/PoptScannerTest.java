package io.jlvs.cli.ipvsadm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** popt's option scanning over ipvsadm's table. */
class PoptScannerTest {

    private static List<String> scan(String... words) {
        PoptScanner scanner = new PoptScanner(List.of(words));
        List<String> events = new ArrayList<>();
        while (true) {
            switch (scanner.next()) {
                case PoptScanner.Found f -> events.add(f.option().name() + (f.argument() == null ? "" : "=" + f.argument()));
                case PoptScanner.Error e -> {
                    events.add("error " + scanner.lastWord() + ": " + e.message());
                    return events;
                }
                case PoptScanner.End e -> {
                    String leftover;
                    while ((leftover = scanner.nextLeftover()) != null) {
                        events.add("arg " + leftover);
                    }
                    return events;
                }
            }
        }
    }

    @Test
    void shortOptionsClusterAndTakeTheRestAsArgument() {
        assertEquals(List.of("ADD_SERVICE", "TCP_SERVICE=10.0.0.1:80", "SCHEDULER=rr"), scan("-At10.0.0.1:80", "-srr"));
        assertEquals(List.of("LIST", "NUMERIC", "CONNECTION"), scan("-Lnc"));
    }

    @Test
    void longOptionsTakeEqualsOrTheNextWord() {
        assertEquals(List.of("TCP_SERVICE=a", "UDP_SERVICE=b", "SCHEDULER=-x"), scan("--tcp-service=a", "--udp-service", "b",
                "-s", "-x"));
    }

    @Test
    void theOptionalPersistenceTimeoutIsNotTakenFromAnOption() {
        assertEquals(List.of("PERSISTENT", "SCHEDULER=rr"), scan("-p", "-s", "rr"));
        assertEquals(List.of("PERSISTENT=60"), scan("-p", "60"));
        assertEquals(List.of("PERSISTENT"), scan("-p"));
    }

    @Test
    void wordsThatAreNotOptionsAreLeftOverInOrder() {
        assertEquals(List.of("SET", "arg 1", "arg 2", "arg -", "arg -n"), scan("1", "--set", "2", "-", "--", "-n"));
    }

    @Test
    void longNamesAreNeverAbbreviated() {
        assertEquals(List.of("error --sched: unknown option"), scan("--sched", "rr"));
    }

    @Test
    void fullnatIsALongOptionOnly() {
        assertEquals(List.of("FULLNAT"), scan("--fullnat"));
    }

    @Test
    void proxyProtocolIsALongOptionOnlyWithARequiredArgument() {
        assertEquals(List.of("PROXY_PROTOCOL=v2"), scan("--proxy-protocol", "v2"));
        assertEquals(List.of("PROXY_PROTOCOL=v1"), scan("--proxy-protocol=v1"));
        assertEquals(List.of("error --proxy-protocol: missing argument"), scan("--proxy-protocol"));
        assertEquals(List.of("error --proxy: unknown option"), scan("--proxy", "v1"));
    }
}
