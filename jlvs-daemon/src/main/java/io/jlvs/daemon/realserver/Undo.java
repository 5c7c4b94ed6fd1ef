package io.jlvs.daemon.realserver;

import java.net.InetAddress;
import java.util.List;

/**
 * What rs-setup start changed, one entry per change, kept in the state file so that stop undoes
 * exactly that, in reverse order, and nothing that was already in place before.
 */
sealed interface Undo {
    /** A setting start changed, and its value before. */
    record RestoreSysctl(String key, String before) implements Undo {
    }

    /** An address start added. */
    record RemoveAddress(String device, InetAddress vip, String label) implements Undo {
        VipAddress address() {
            return new VipAddress(vip, device, label, "");
        }
    }

    /** A device start brought up. */
    record BringDown(String device) implements Undo {
    }

    /** The decapsulator start left running, by PID. */
    record StopDecapsulator(long pid, String device, List<InetAddress> vips) implements Undo {
    }
}
