package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What jlvsd's refusals and an unreachable jlvsd look like. */
class TableErrorTest {

    @ParameterizedTest
    @EnumSource(IpvsError.class)
    void aRefusedChangePrintsTheLibipvsMessageAloneAndExits255(IpvsError error) {
        FakeClient client = new FakeClient(request -> new Reply.Failure(error, 0));
        assertEquals(new Run(255, "", error.message() + "\n"), Run.of(client, "-A", "-t", "10.0.0.1:80"));
    }

    @Test
    void aRefusedListingExitsOne() {
        FakeClient client = new FakeClient(request -> new Reply.Failure(IpvsError.NO_SUCH_SERVICE, 0));
        assertEquals(new Run(1, "", "No such service\n"), Run.of(client, "-L", "-n"));
        assertEquals(new Run(1, "", "No such service\n"), Run.of(client, "-L", "-n", "-f", "1"));
        assertEquals(new Run(1, "", "No such service\n"), Run.of(client, "-Lnc"));
    }

    @Test
    void aRefusedTimeoutOrDaemonListingExitsOneSilentlyAsIpvsadmDoes() {
        FakeClient client = new FakeClient(request -> new Reply.Failure(IpvsError.MEMORY_ALLOCATION, 0));
        assertEquals(new Run(1, "", ""), Run.of(client, "-L", "--timeout"));
        assertEquals(new Run(1, "", ""), Run.of(client, "-L", "--daemon"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-C", "-L", "-S", "-R", "--set 1 2 3", "-Lnc"})
    void anUnreachableDaemonIsOneClearMessageAndStatusOne(String args) {
        FakeClient client = new FakeClient(request -> null);
        Run run = Run.of(client, new FixedNames(), "-C\n", Run.words(args));
        assertEquals(new Run(1, "", "jlvs adm: cannot reach jlvsd at /run/jlvs/jlvsd.sock: connect: Connection refused\n"), run);
    }

    @Test
    void aBatchFailureIsReportedAndTheRestOfTheBatchIsSentAgain() {
        FakeClient client = new FakeClient(request -> request instanceof Command.Batch b && b.commands().size() == 3
                ? new Reply.Failure(IpvsError.SERVICE_EXISTS, 1) : new Reply.Ok());
        Run run = Run.of(client, new FixedNames(), "-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n", "-R");
        assertEquals(new Run(0, "", "Service already exists\n"), run);
        assertEquals(2, client.sent.size());
        assertEquals(List.of(((Command.Batch) client.sent.getFirst()).commands().get(2)),
                ((Command.Batch) client.sent.get(1)).commands());
    }
}
