package io.jlvs.daemon;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;

import java.io.IOException;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Services and real servers the daemon tests send; "none" is the kernel's scheduler-less name. */
final class DaemonFixtures {
    private DaemonFixtures() {
    }

    static ServiceKey tcp(String address, int port) {
        return new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral(address), port);
    }

    static ServiceSpec service(ServiceKey key) {
        return new ServiceSpec(key, "none", 0, 0, ServiceSpec.DEFAULT_NETMASK_V4, "");
    }

    static DestinationSpec real(String address, int port, int weight) {
        return DestinationSpec.of(InetAddress.ofLiteral(address), port, ForwardMethod.MASQ, weight);
    }

    static void ok(ControlClient client, Command command) throws IOException {
        assertEquals(new Reply.Ok(), client.send(command), command::toString);
    }
}
