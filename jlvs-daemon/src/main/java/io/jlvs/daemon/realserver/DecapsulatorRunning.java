package io.jlvs.daemon.realserver;

import java.net.InetAddress;
import java.util.List;

/**
 * The user-space tunnel end (for kernels without ipip): a detached decapsulator process with its
 * TUN device up.
 *
 * @param device the TUN device's name
 * @param vips the VIPs whose tunnelled packets it passes on
 */
record DecapsulatorRunning(String device, List<InetAddress> vips) implements Requirement {
}
