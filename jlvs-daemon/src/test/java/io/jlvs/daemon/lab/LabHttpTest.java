package io.jlvs.daemon.lab;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's real server and client on loopback: names, seen addresses, the 100 MiB digest, a corrupted body caught. */
class LabHttpTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void theServerAnswersItsNameAndTheAddressItSaw() throws Exception {
        try (LabHttpServer server = LabHttpServer.start("web1", ANY_LOOPBACK_PORT)) {
            LabHttpClient.Answer answer = new LabHttpClient(server.address()).get();
            assertEquals(new LabHttpClient.Answer("web1", "127.0.0.1"), answer);
        }
    }

    @Test
    void theHundredMibDownloadArrivesWithTheGeneratedDigest() throws Exception {
        try (LabHttpServer server = LabHttpServer.start("web2", ANY_LOOPBACK_PORT)) {
            LabHttpClient.Download download = new LabHttpClient(server.address()).download(Duration.ofSeconds(120));
            assertEquals(104_857_600L, download.bytes());
            assertEquals(download.expectedSha256(), download.sha256());
            assertTrue(download.intact());
            assertTrue(LabChecks.download(new ClientReport(List.of(), List.of(), download, null)).passed());
        }
    }

    @Test
    void theBodyDependsOnEveryOffsetSoAShiftedOrFlippedBodyHasAnotherDigest() {
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        DownloadBody.fill(0, a, 0, a.length);
        DownloadBody.fill(1, b, 0, b.length);
        assertNotEquals(new String(a, StandardCharsets.ISO_8859_1), new String(b, StandardCharsets.ISO_8859_1));
        byte[] split = new byte[4096];
        DownloadBody.fill(0, split, 0, 1000);
        DownloadBody.fill(1000, split, 1000, 3096);
        assertEquals(new String(a, StandardCharsets.ISO_8859_1), new String(split, StandardCharsets.ISO_8859_1),
                "a chunk boundary anywhere gives the same bytes");
        assertNotEquals(DownloadBody.sha256(4096), DownloadBody.sha256(4095));
    }

    @Test
    void theClientsDigestCatchesOneCorruptedByte() throws Exception {
        HttpServer corrupting = HttpServer.create(ANY_LOOPBACK_PORT, 8);
        corrupting.createContext(LabHttpServer.DOWNLOAD, exchange -> {
            exchange.sendResponseHeaders(200, DownloadBody.LENGTH);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long offset = 0; offset < DownloadBody.LENGTH; offset += chunk.length) {
                    DownloadBody.fill(offset, chunk, 0, chunk.length);
                    if (offset == 50L << 20) {
                        chunk[12345] ^= 0x01;
                    }
                    out.write(chunk);
                }
            }
        });
        corrupting.start();
        try {
            LabHttpClient.Download download = new LabHttpClient(corrupting.getAddress()).download(Duration.ofSeconds(120));
            assertEquals(DownloadBody.LENGTH, download.bytes(), "every byte arrived");
            assertFalse(download.intact(), "but one was flipped");
            CheckResult check = LabChecks.download(new ClientReport(List.of(), List.of(), download, null));
            assertFalse(check.passed());
            assertTrue(check.figures().contains(", generated " + download.expectedSha256()), check::toString);
        } finally {
            corrupting.stop(0);
        }
    }

    @Test
    void theClientsLinesReadBackAsItsReport() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LabHttpServer server = LabHttpServer.start("web1", ANY_LOOPBACK_PORT)) {
            LabClientCommand.run(new LabHttpClient(server.address()), 3, Duration.ofSeconds(120),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("answer 1 web1 127.0.0.1", "answer 2 web1 127.0.0.1", "answer 3 web1 127.0.0.1"),
                lines.subList(0, 3));
        ClientReport report = ClientReport.parse(lines);
        assertEquals(3, report.answers().size());
        assertTrue(report.failures().isEmpty());
        assertTrue(report.download().intact(), lines.get(3));
    }

    @Test
    void aClientWithNoServerReportsEveryFailure() throws Exception {
        InetSocketAddress closed;
        try (LabHttpServer server = LabHttpServer.start("gone", ANY_LOOPBACK_PORT)) {
            closed = server.address();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LabClientCommand.run(new LabHttpClient(closed), 2, Duration.ofSeconds(5), new PrintStream(printed, true, StandardCharsets.UTF_8));
        ClientReport report = ClientReport.parse(printed.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(2, report.failures().size(), report.toString());
        assertTrue(report.failures().getFirst().startsWith("#1 java.net.ConnectException"), report.failures().getFirst());
        assertTrue(report.downloadFailure().startsWith("java.net.ConnectException"), report.downloadFailure());
        assertFalse(LabChecks.answered(2, report, List.of(new RealServer("rs1", "gone", "127.0.0.1", 1))).passed());
    }
}
