package io.jlvs.director;

/**
 * Where a worker gets the IP packets that firewall-mark services need: packets that the user's
 * netfilter rules marked after the AF_PACKET port saw them, handed up with their mark (jlvsd:
 * nfnetlink_log; tests: a queue). Polled by the worker in its duty cycle, never waited on.
 */
public interface MarkedPacketSource extends AutoCloseable {

    /** No marked packets ever: a worker without firewall-mark services. */
    MarkedPacketSource NONE = new MarkedPacketSource() {
        @Override
        public int receive(MarkedPacketSink sink, int max) {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    /** Hands at most max waiting packets to the sink without waiting; returns how many. */
    int receive(MarkedPacketSink sink, int max);

    @Override
    void close();
}
