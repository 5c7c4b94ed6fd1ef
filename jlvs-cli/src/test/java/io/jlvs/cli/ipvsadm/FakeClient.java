package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A ControlClient that records what it is sent and answers from a function. */
final class FakeClient implements ControlClient {

    final List<Request> sent = new ArrayList<>();
    private final Function<Request, Reply> answer;

    FakeClient(Function<Request, Reply> answer) {
        this.answer = answer;
    }

    /** Answers Ok to everything. */
    static FakeClient accepting() {
        return new FakeClient(request -> new Reply.Ok());
    }

    @Override
    public Reply send(Request request) throws IOException {
        sent.add(request);
        Reply reply = answer.apply(request);
        if (reply == null) {
            throw new IOException("connect: Connection refused");
        }
        return reply;
    }
}
