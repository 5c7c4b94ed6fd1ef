package io.jlvs.daemon.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The judges of a lab's checks: each takes what was observed and says PASS or FAIL with the figures. */
public final class LabChecks {
    /** DR and TUN: the director may send at most this share of what the client received. */
    static final double MAX_DIRECTOR_SHARE = 0.10;

    private LabChecks() {
    }

    /** Every one of the requests got an answer from one of the real servers. */
    public static CheckResult answered(int requested, ClientReport report, List<RealServer> servers) {
        long known = report.answers().stream().filter(a -> servers.stream().anyMatch(s -> s.name().equals(a.server()))).count();
        boolean passed = requested > 0 && known == requested && report.failures().isEmpty();
        StringBuilder figures = new StringBuilder(known + " of " + requested + " requests answered by the real servers");
        if (known != report.answers().size()) {
            figures.append(", ").append(report.answers().size() - known).append(" by something else");
        }
        if (!report.failures().isEmpty()) {
            figures.append("; failed: ").append(String.join("; ", report.failures().subList(0, Math.min(3, report.failures().size()))));
            if (report.failures().size() > 3) {
                figures.append("; and ").append(report.failures().size() - 3).append(" more");
            }
        }
        return new CheckResult("every request answered", passed, figures.toString());
    }

    /**
     * The answers split as the scheduler splits new connections made one after another: by weight
     * (rr: equal weights), each server within the floor and ceiling of its share, one more either
     * way for unequal weights (a partial wrr cycle).
     */
    public static CheckResult split(String scheduler, List<RealServer> servers, List<LabHttpClient.Answer> answers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        servers.forEach(s -> counts.put(s.name(), 0));
        answers.forEach(a -> counts.computeIfPresent(a.server(), (k, v) -> v + 1));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int weights = servers.stream().mapToInt(RealServer::weight).sum();
        boolean equal = servers.stream().allMatch(s -> s.weight() == servers.getFirst().weight());
        int slack = equal ? 0 : 1;
        boolean passed = total > 0 && weights > 0;
        StringBuilder observed = new StringBuilder();
        StringBuilder allowed = new StringBuilder();
        for (RealServer server : servers) {
            double share = weights == 0 ? 0 : (double) total * server.weight() / weights;
            long low = (long) Math.floor(share) - slack;
            long high = (long) Math.ceil(share) + slack;
            int count = counts.get(server.name());
            passed &= count >= low && count <= high;
            observed.append(observed.isEmpty() ? "" : ", ").append(server.name()).append(' ').append(count);
            allowed.append(allowed.isEmpty() ? "" : ", ").append(server.name()).append(' ')
                    .append(low == high ? String.valueOf(low) : Math.max(0, low) + ".." + high);
        }
        return new CheckResult("split as " + scheduler, passed,
                observed + " of " + total + " (" + scheduler + " allows " + allowed + ")");
    }

    /** NAT and FULLNAT: every real server saw expected (the client's address, or the local address). */
    public static CheckResult sawAddress(String expected, String whose, List<LabHttpClient.Answer> answers) {
        long seen = answers.stream().filter(a -> a.seen().equals(expected)).count();
        String others = answers.stream().map(LabHttpClient.Answer::seen).filter(s -> !s.equals(expected)).distinct()
                .reduce((a, b) -> a + ", " + b).map(s -> "; others saw " + s).orElse("");
        return new CheckResult("the real servers saw " + whose, !answers.isEmpty() && seen == answers.size(),
                seen + " of " + answers.size() + " answers name " + expected + others);
    }

    /**
     * DR and TUN: the replies bypassed the director, so it sent far less than the client received
     * (at most {@link #MAX_DIRECTOR_SHARE} of it: the client's requests and ACKs it forwarded).
     */
    public static CheckResult bypass(long directorSentBytes, long clientReceivedBytes) {
        boolean passed = clientReceivedBytes > 0 && directorSentBytes <= clientReceivedBytes * MAX_DIRECTOR_SHARE;
        String share = clientReceivedBytes == 0 ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100.0 * directorSentBytes / clientReceivedBytes);
        return new CheckResult("the replies bypassed the director", passed,
                "over the run the director's interfaces sent " + mib(directorSentBytes) + " while the client received "
                        + mib(clientReceivedBytes) + " (" + share + "; at most "
                        + Math.round(MAX_DIRECTOR_SHARE * 100) + "% allowed)");
    }

    /** The download arrived whole and unchanged. */
    public static CheckResult download(ClientReport report) {
        LabHttpClient.Download d = report.download();
        if (d == null) {
            return new CheckResult("the 100 MiB download arrived intact", false,
                    report.downloadFailure() == null ? "no download" : report.downloadFailure());
        }
        String rate = d.millis() == 0 ? "" : String.format(Locale.ROOT, ", %.1f MiB/s", d.bytes() / 1048576.0 / (d.millis() / 1000.0));
        String figures = d.bytes() + " of " + DownloadBody.LENGTH + " bytes in " + d.millis() + " ms" + rate + ", sha256 "
                + d.sha256() + (d.sha256().equals(d.expectedSha256()) ? " as generated" : ", generated " + d.expectedSha256());
        return new CheckResult("the 100 MiB download arrived intact", d.intact(), figures);
    }

    /** "N bytes (M MiB)". */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d bytes (%.1f MiB)", bytes, bytes / 1048576.0);
    }
}
