package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ServiceKey;

import java.util.List;

/**
 * Alibaba LVS's ipvsadm output for FULLNAT local addresses, from its printf formats: the -G
 * table (list_laddrs_print_title, _service and _laddr) and the -P lines -S adds after the
 * services (print_laddrs_rules). A firewall-mark service, which Alibaba's tool cannot name, is
 * "FWM n" in the table and "-f n" in a rule; an IPv6 address is printed as such.
 */
final class LocalAddressListing {

    private final EndpointNames names;

    LocalAddressListing(NameResolver resolver) {
        this.names = new EndpointNames(resolver);
    }

    /** -G: the title, then each service with its count and its addresses; nothing when there is no service. */
    String table(List<ServiceLocalAddresses> services) {
        StringBuilder out = new StringBuilder();
        if (services.isEmpty()) {
            return "";
        }
        // "%-20s %-8s %-20s %-10s %-10s\n"
        Columns.appendLeft(out, "VIP:VPORT", 20).append(' ');
        Columns.appendLeft(out, "TOTAL", 8).append(' ');
        Columns.appendLeft(out, "SNAT_IP", 20).append(' ');
        Columns.appendLeft(out, "CONFLICTS", 10).append(' ');
        Columns.appendLeft(out, "CONNS", 10).append('\n');
        for (ServiceLocalAddresses service : services) {
            // "%-20s %-8u \n": the service is always numeric
            Columns.appendLeft(out, tableName(service.key()), 20).append(' ');
            Columns.appendLeft(out, service.addresses().size(), 8).append(" \n");
            for (LocalAddressStatus local : service.addresses()) {
                // "%-20s %-8s %-20s %-10lu %-10u\n"
                Columns.appendLeft(out, "", 20).append(' ');
                Columns.appendLeft(out, "", 8).append(' ');
                Columns.appendLeft(out, InetText.format(local.address()), 20).append(' ');
                Columns.appendLeft(out, local.conflicts(), 10).append(' ');
                Columns.appendLeft(out, local.connections(), 10).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * -S's tail: "-P SERVICE -z ADDRESS" per local address, the service named unless numeric. The
     * services come in the order of -S's -A lines (Alibaba's in the kernel's), so a table saved,
     * restored and saved again prints the same bytes.
     */
    String rules(List<ServiceLocalAddresses> services, boolean numeric) {
        StringBuilder out = new StringBuilder();
        for (ServiceLocalAddresses service : ListingOrder.localAddresses(services)) {
            if (service.addresses().isEmpty()) {
                continue;
            }
            String name = ruleName(service.key(), numeric);
            for (LocalAddressStatus local : service.addresses()) {
                out.append("-P ").append(name).append(" -z ").append(InetText.format(local.address())).append('\n');
            }
        }
        return out.toString();
    }

    private String tableName(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address a -> names.format(a.address(), a.port(), a.protocol(), true);
            case ServiceKey.Mark m -> "FWM " + Integer.toUnsignedString(m.mark())
                    + (m.family() == AddressFamily.INET6 ? " IPv6" : "");
        };
    }

    private String ruleName(ServiceKey key, boolean numeric) {
        return switch (key) {
            case ServiceKey.Address a -> ServiceListing.switchFor(a.protocol()) + " "
                    + names.format(a.address(), a.port(), a.protocol(), numeric);
            // as ServiceListing names it in the -A line the -P lines follow
            case ServiceKey.Mark m -> "-f " + m.mark()
                    + (m.family() == AddressFamily.INET6 ? " -6" : "");
        };
    }
}
