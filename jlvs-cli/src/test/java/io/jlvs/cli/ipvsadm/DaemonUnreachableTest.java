package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.ControlClient;
import io.jlvs.control.json.JlvsdErrorException;
import io.jlvs.control.socket.ControlSocketException;
import io.jlvs.control.socket.ControlSocketException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** jlvs adm names the real cause when a request fails, with the status that cause calls for. */
class DaemonUnreachableTest {

    private static ControlClient failingWith(java.io.IOException failure) {
        return request -> {
            throw failure;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Ln", "-A -t 10.0.0.1:80", "-R"})
    void noAnswerInTimeIsItsMessageAndStatusTwo(String args) {
        ControlClient client = failingWith(new ControlSocketException(Reason.TIMED_OUT,
                "jlvsd at /run/jlvs/jlvsd.sock did not answer within 10 s (...)", null));

        Run run = Run.of(client, new FixedNames(), "-C\n", Run.words(args));

        assertEquals(new Run(2, "", "jlvs adm: jlvsd at /run/jlvs/jlvsd.sock did not answer within 10 s (...)\n"), run);
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = "TIMED_OUT", mode = EnumSource.Mode.EXCLUDE)
    void aSocketThatCannotBeUsedIsNamedAsTheClientSawItWithStatusOne(Reason reason) {
        ControlClient client = failingWith(new ControlSocketException(reason,
                "permission denied on /run/jlvs/jlvsd.sock (jlvsd runs as another user? ...)", null));

        Run run = Run.of(client, "-Ln");

        assertEquals(new Run(1, "", "jlvs adm: permission denied on /run/jlvs/jlvsd.sock (jlvsd runs as another"
                + " user? ...)\n"), run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-A -t 10.0.0.1:80", "-a -t 10.0.0.1:80 -r 10.1.0.1", "-C"})
    void aChangeJlvsdCouldNotSaveIsReportedWithItsReasonAndStatus255(String args) {
        ControlClient client = failingWith(new JlvsdErrorException(
                "could not persist the service table: No space left on device; nothing was changed"));

        Run run = Run.of(client, Run.words(args));

        assertEquals(new Run(255, "", "jlvs adm: jlvsd refused the request: could not persist the service table:"
                + " No space left on device; nothing was changed\n"), run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Ln", "-Lnc", "-L --timeout"})
    void aListingJlvsdAnsweredWithAnErrorIsItsReasonAndStatusOne(String args) {
        ControlClient client = failingWith(new JlvsdErrorException("jlvsd failed to handle the request: boom"));

        Run run = Run.of(client, Run.words(args));

        assertEquals(new Run(1, "", "jlvs adm: jlvsd refused the request: jlvsd failed to handle the request: boom\n"),
                run);
    }
}
