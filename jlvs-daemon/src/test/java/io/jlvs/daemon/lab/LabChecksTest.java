package io.jlvs.daemon.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's judges on fixed observations: each says PASS or FAIL as it should, with the figures. */
class LabChecksTest {
    private static final List<RealServer> EQUAL = List.of(new RealServer("rs1", "web1", "10.0.0.1", 1),
            new RealServer("rs2", "web2", "10.0.0.2", 1));

    private static List<LabHttpClient.Answer> answers(int web1, int web2, String seen) {
        List<LabHttpClient.Answer> answers = new ArrayList<>();
        for (int i = 0; i < Math.max(web1, web2); i++) {
            if (i < web1) {
                answers.add(new LabHttpClient.Answer("web1", seen));
            }
            if (i < web2) {
                answers.add(new LabHttpClient.Answer("web2", seen));
            }
        }
        return answers;
    }

    @ParameterizedTest(name = "rr: web1 {0}, web2 {1} -> {2}")
    @CsvSource({"10, 10, true", "11, 10, true", "10, 11, true", "11, 9, false", "12, 8, false", "20, 0, false",
            "0, 0, false"})
    void rrAllowsTheFloorOrCeilingOfAnEqualShare(int web1, int web2, boolean passes) {
        CheckResult result = LabChecks.split("rr", EQUAL, answers(web1, web2, "1.2.3.4"));
        assertEquals(passes, result.passed(), result::toString);
    }

    @Test
    void theSplitNamesWhatWasSeenAndWhatRrAllows() {
        assertEquals("FAIL split as rr: web1 12, web2 8 of 20 (rr allows web1 10, web2 10)",
                LabChecks.split("rr", EQUAL, answers(12, 8, "x")).toString());
        assertEquals("PASS split as rr: web1 11, web2 10 of 21 (rr allows web1 10..11, web2 10..11)",
                LabChecks.split("rr", EQUAL, answers(11, 10, "x")).toString());
    }

    @ParameterizedTest(name = "wrr 3:1: web1 {0}, web2 {1} -> {2}")
    @CsvSource({"15, 5, true", "16, 4, true", "14, 6, true", "12, 8, false", "10, 10, false"})
    void wrrAllowsItsShareByWeightWithinAPartialCycle(int web1, int web2, boolean passes) {
        List<RealServer> weighted = List.of(new RealServer("rs1", "web1", "10.0.0.1", 3),
                new RealServer("rs2", "web2", "10.0.0.2", 1));
        CheckResult result = LabChecks.split("wrr", weighted, answers(web1, web2, "x"));
        assertEquals(passes, result.passed(), result::toString);
    }

    @Test
    void everyRequestMustBeAnsweredByARealServer() {
        ClientReport all = new ClientReport(answers(10, 10, "x"), List.of(), null, null);
        assertTrue(LabChecks.answered(20, all, EQUAL).passed());
        ClientReport short1 = new ClientReport(answers(10, 9, "x"), List.of("#20 java.net.SocketTimeoutException: Connect timed out"),
                null, null);
        CheckResult failed = LabChecks.answered(20, short1, EQUAL);
        assertEquals("FAIL every request answered: 19 of 20 requests answered by the real servers; failed: #20"
                + " java.net.SocketTimeoutException: Connect timed out", failed.toString());
        List<LabHttpClient.Answer> stranger = new ArrayList<>(answers(10, 9, "x"));
        stranger.add(new LabHttpClient.Answer("nginx", "x"));
        assertFalse(LabChecks.answered(20, new ClientReport(stranger, List.of(), null, null), EQUAL).passed(),
                "an answer from a server not in the lab is no answer");
    }

    @Test
    void natPassesOnlyWhenEveryAnswerSawTheClient() {
        assertEquals("PASS the real servers saw the client's address: 20 of 20 answers name 172.16.13.21",
                LabChecks.sawAddress("172.16.13.21", "the client's address", answers(10, 10, "172.16.13.21")).toString());
        List<LabHttpClient.Answer> mixed = new ArrayList<>(answers(10, 9, "172.16.13.21"));
        mixed.add(new LabHttpClient.Answer("web2", "192.168.13.10"));
        assertEquals("FAIL the real servers saw the client's address: 19 of 20 answers name 172.16.13.21; others saw"
                + " 192.168.13.10", LabChecks.sawAddress("172.16.13.21", "the client's address", mixed).toString());
        assertFalse(LabChecks.sawAddress("172.16.13.21", "the client's address", List.of()).passed(), "no answers, no proof");
    }

    @Test
    void bypassHoldsWhenTheDirectorSentAFractionOfWhatTheClientReceived() {
        long download = 106_000_000L;
        CheckResult dr = LabChecks.bypass(2_400_000, download);
        assertEquals("PASS the replies bypassed the director: over the run the director's interfaces sent 2400000"
                + " bytes (2.3 MiB) while the client received 106000000 bytes (101.1 MiB) (2.3%; at most 10% allowed)",
                dr.toString());
        assertFalse(LabChecks.bypass(108_000_000L, download).passed(), "a director that relayed the replies (NAT) fails");
        assertFalse(LabChecks.bypass(10_600_001L, download).passed(), "just over a tenth fails");
        assertTrue(LabChecks.bypass(10_600_000L, download).passed(), "a tenth passes");
        assertFalse(LabChecks.bypass(0, 0).passed(), "nothing received proves nothing");
    }

    @Test
    void theDownloadMustBeWholeAndAsGenerated() {
        String good = "a".repeat(64);
        String bad = "b".repeat(64);
        assertTrue(LabChecks.download(report(new LabHttpClient.Download(DownloadBody.LENGTH, good, good, 2000))).passed());
        CheckResult corrupted = LabChecks.download(report(new LabHttpClient.Download(DownloadBody.LENGTH, bad, good, 2000)));
        assertEquals("FAIL the 100 MiB download arrived intact: 104857600 of 104857600 bytes in 2000 ms, 50.0 MiB/s, sha256 "
                + bad + ", generated " + good, corrupted.toString());
        assertFalse(LabChecks.download(report(new LabHttpClient.Download(DownloadBody.LENGTH - 1, good, good, 2000))).passed(),
                "a short body fails");
        CheckResult none = LabChecks.download(new ClientReport(List.of(), List.of(), null, "java.net.ConnectException: refused"));
        assertEquals("FAIL the 100 MiB download arrived intact: java.net.ConnectException: refused", none.toString());
    }

    private static ClientReport report(LabHttpClient.Download download) {
        return new ClientReport(List.of(), List.of(), download, null);
    }
}
