package io.jlvs.daemon.lab;

/** What shows that a lab's forwarding method did its job, beside the answers and the download. */
public sealed interface ModeProof {
    /** NAT: the real servers saw the client's own address. */
    record SeesClient(String clientAddress) implements ModeProof {
    }

    /** FULLNAT: the real servers saw the director's local address, not the client's. */
    record SeesLocalAddress(String localAddress) implements ModeProof {
    }

    /** DR and TUN: the replies went from the real servers to the client, not through the director. */
    record RepliesBypassDirector() implements ModeProof {
    }
}
