package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A large -R goes to jlvsd in Batches of at most {@link Ipvsadm#RESTORE_BATCH} changes, each sent
 * while the lines after it are parsed, in the order of the lines; -S gives it back line for line.
 */
class LargeRestoreTest {

    /** count services with one real server each: two lines a service. */
    private static String services(int first, int count) {
        StringBuilder input = new StringBuilder();
        for (int s = first; s < first + count; s++) {
            String vip = "10." + (s >> 8) + "." + (s & 0xFF) + ".1:80";
            input.append("-A -t ").append(vip).append(" -s rr\n");
            input.append("-a -t ").append(vip).append(" -r 192.168.0.1:8080 -m -w 1\n");
        }
        return input.toString();
    }

    private static List<Integer> batchSizes(List<Request> sent) {
        return sent.stream().map(r -> ((Command.Batch) r).commands().size()).toList();
    }

    @Test
    void aRestoreOfMoreThanOneBatchSendsFullBatchesThenTheRestAndEveryLineIsInTheTable() {
        ServiceManager manager = new ServiceManager();
        List<Request> sent = Collections.synchronizedList(new ArrayList<>());
        int services = Ipvsadm.RESTORE_BATCH + 3;

        Run run = Run.of(request -> {
            sent.add(request);
            return manager.handle(request);
        }, new FixedNames(), services(0, services), "-R");

        assertEquals(new Run(0, "", ""), run);
        assertEquals(List.of(Ipvsadm.RESTORE_BATCH, Ipvsadm.RESTORE_BATCH, 6), batchSizes(sent));
        Reply.Services listed = (Reply.Services) manager.handle(new Query.GetServices(null));
        assertEquals(services, listed.services().size());
        assertEquals(2L * services, Run.of(manager::handle, "-S", "-n").out().lines().count());
    }

    @Test
    void theFirstBatchReachesJlvsdBeforeTheLinesAfterItAreRead() {
        CountDownLatch firstBatch = new CountDownLatch(1);
        boolean[] starved = {false};
        FakeClient client = new FakeClient(request -> {
            firstBatch.countDown();
            return new Reply.Ok();
        });
        // the lines after the first batch come only once jlvsd has that batch (or never, after 10 s)
        InputStream rest = new InputStream() {
            private InputStream lines;

            @Override
            public int read() throws java.io.IOException {
                if (lines == null) {
                    try {
                        starved[0] = !firstBatch.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    lines = new ByteArrayInputStream(services(Ipvsadm.RESTORE_BATCH, 1).getBytes(StandardCharsets.US_ASCII));
                }
                return lines.read();
            }
        };
        InputStream stdin = new SequenceInputStream(new ByteArrayInputStream(
                services(0, Ipvsadm.RESTORE_BATCH / 2).getBytes(StandardCharsets.US_ASCII)), rest);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new Ipvsadm(client, new FixedNames(), "/run/jlvs/jlvsd.sock", "ipvsadm").execute(
                new String[] {"-R"}, stdin, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertFalse(starved[0], "the first batch was not sent before the next lines were read");
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(Ipvsadm.RESTORE_BATCH, 2), batchSizes(client.sent));
    }

    @Test
    void aRefusalInTheBatchInFlightIsPrintedAndTheRestOfItSentBeforeTheNextBatch() {
        FakeClient client = new FakeClient(request -> request instanceof Command.Batch b
                && b.commands().size() == Ipvsadm.RESTORE_BATCH ? new Reply.Failure(IpvsError.SERVICE_EXISTS, 10)
                : new Reply.Ok());

        Run run = Run.of(client, new FixedNames(), services(0, Ipvsadm.RESTORE_BATCH / 2 + 1), "-R");

        assertEquals(new Run(0, "", "Service already exists\n"), run);
        assertEquals(List.of(Ipvsadm.RESTORE_BATCH, Ipvsadm.RESTORE_BATCH - 11, 2), batchSizes(client.sent));
        List<Command> first = ((Command.Batch) client.sent.getFirst()).commands();
        assertEquals(first.subList(11, first.size()), ((Command.Batch) client.sent.get(1)).commands());
    }

    @Test
    void aUsageErrorAfterABatchInFlightReportsThatBatchAndAppliesWhatCameBeforeIt() {
        FakeClient client = new FakeClient(request -> request instanceof Command.Batch b
                && b.commands().size() == Ipvsadm.RESTORE_BATCH ? new Reply.Failure(IpvsError.SERVICE_EXISTS, 0)
                : new Reply.Ok());

        Run run = Run.of(client, new FixedNames(), services(0, Ipvsadm.RESTORE_BATCH / 2 + 1) + "-Z -n\n"
                + services(Ipvsadm.RESTORE_BATCH, 1), "-R");

        assertEquals(2, run.status());
        assertEquals("Service already exists\n", run.err().lines().findFirst().orElseThrow() + "\n");
        assertEquals(List.of(Ipvsadm.RESTORE_BATCH, Ipvsadm.RESTORE_BATCH - 1, 2), batchSizes(client.sent));
    }
}
