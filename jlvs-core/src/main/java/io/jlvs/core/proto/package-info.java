/** The IPVS protocol state machines as tables: TCP, UDP and SCTP states, events, timeouts. */
package io.jlvs.core.proto;
