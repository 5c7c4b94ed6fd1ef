package io.jlvs.control.api;

import java.net.InetAddress;

/**
 * One connection entry as ipvsadm -Lc lists it.
 *
 * @param protocol      "TCP", "UDP", "SCTP", or "IP" for a persistence template
 * @param expiresMillis time left before the entry expires
 * @param state         the protocol state's name (ESTABLISHED, NONE, ...)
 * @param persistenceEngine  the --pe name, or ""
 * @param persistenceData    the engine's data (sip: the Call-ID), or ""
 */
public record ConnectionEntry(String protocol, long expiresMillis, String state,
                              InetAddress clientAddress, int clientPort,
                              InetAddress virtualAddress, int virtualPort,
                              InetAddress destinationAddress, int destinationPort,
                              String persistenceEngine, String persistenceData) {
}
