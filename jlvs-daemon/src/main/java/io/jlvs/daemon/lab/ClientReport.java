package io.jlvs.daemon.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * What the lab's client observed, as the lines it prints (one per event, so a lab that stops
 * half-way still shows what happened) and reads back:
 *
 * <pre>
 * answer I SERVER SEEN-ADDRESS          request I answered by SERVER, which saw SEEN-ADDRESS
 * failed I REASON...                    request I failed
 * download BYTES SHA256 EXPECTED MILLIS the download arrived (its digest and the body's)
 * download-failed REASON...             the download failed
 * </pre>
 *
 * @param answers the answered requests
 * @param failures one line per failed request ("#I REASON")
 * @param download the download, or null when it failed or never ran
 * @param downloadFailure why the download failed, or null
 */
public record ClientReport(List<LabHttpClient.Answer> answers, List<String> failures, LabHttpClient.Download download,
                           String downloadFailure) {
    public ClientReport {
        answers = List.copyOf(answers);
        failures = List.copyOf(failures);
    }

    static String answerLine(int request, LabHttpClient.Answer answer) {
        return "answer " + request + " " + answer.server() + " " + answer.seen();
    }

    static String failedLine(int request, String reason) {
        return "failed " + request + " " + oneLine(reason);
    }

    static String downloadLine(LabHttpClient.Download d) {
        return "download " + d.bytes() + " " + d.sha256() + " " + d.expectedSha256() + " " + d.millis();
    }

    static String downloadFailedLine(String reason) {
        return "download-failed " + oneLine(reason);
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replace('\n', ' ');
    }

    /** The report in the client's output; lines of any other shape are ignored. */
    public static ClientReport parse(List<String> lines) {
        List<LabHttpClient.Answer> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        LabHttpClient.Download download = null;
        String downloadFailure = null;
        for (String line : lines) {
            String[] w = line.strip().split(" ", 3);
            switch (w[0]) {
                case "answer" -> {
                    String[] rest = w.length == 3 ? w[2].split(" ") : new String[0];
                    if (rest.length == 2) {
                        answers.add(new LabHttpClient.Answer(rest[0], rest[1]));
                    }
                }
                case "failed" -> failures.add("#" + (w.length > 1 ? w[1] : "?") + " " + (w.length > 2 ? w[2] : ""));
                case "download" -> {
                    String[] f = line.strip().split(" ");
                    if (f.length == 5) {
                        download = new LabHttpClient.Download(Long.parseLong(f[1]), f[2], f[3], Long.parseLong(f[4]));
                    }
                }
                case "download-failed" -> downloadFailure = line.strip().substring("download-failed".length()).strip();
                default -> {
                }
            }
        }
        return new ClientReport(answers, failures, download, downloadFailure);
    }
}
