package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.Addresses;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which the kernel lists services when ipvsadm does not sort them (-L --nosort):
 * bucket by bucket through the 256-bucket table hashed by protocol, address and port, each
 * bucket newest first (hlist_add_head), then the same through the table hashed by fwmark.
 *
 * <p>The kernel also mixes the address of the network namespace's netns_ipvs into both hashes
 * ({@code (size_t) ipvs >> 8}). That is a kernel heap address, different on every boot, so no
 * order is "the" kernel's; jlvs takes that term as 0, which is the order a kernel whose
 * netns_ipvs pointer has zero bits 8..15 would show.
 */
final class KernelHashOrder {
    /** IP_VS_SVC_TAB_BITS. */
    static final int TABLE_BITS = 8;
    static final int TABLE_MASK = (1 << TABLE_BITS) - 1;

    private KernelHashOrder() {
    }

    /** ip_vs_svc_hashkey with the netns term 0. */
    static int addressBucket(ServiceKey.Address key) {
        int[] words = Addresses.words(key.address());
        // The kernel folds the four words of an IPv6 address by XOR; an IPv4 address has one.
        int fold = words[0] ^ words[1] ^ words[2] ^ words[3];
        int port = key.port();
        return (key.protocol().number() ^ fold ^ (port >>> TABLE_BITS) ^ port) & TABLE_MASK;
    }

    /** ip_vs_svc_fwm_hashkey with the netns term 0. */
    static int markBucket(ServiceKey.Mark key) {
        return key.mark() & TABLE_MASK;
    }

    /** The services (given oldest first) in the kernel's walk order. */
    static List<ServiceEntry> order(List<ServiceEntry> insertionOrder) {
        List<List<ServiceEntry>> addressTable = buckets();
        List<List<ServiceEntry>> markTable = buckets();
        for (int i = insertionOrder.size() - 1; i >= 0; i--) {
            ServiceEntry entry = insertionOrder.get(i);
            switch (entry.key()) {
                case ServiceKey.Address a -> addressTable.get(addressBucket(a)).add(entry);
                case ServiceKey.Mark m -> markTable.get(markBucket(m)).add(entry);
            }
        }
        List<ServiceEntry> result = new ArrayList<>(insertionOrder.size());
        addressTable.forEach(result::addAll);
        markTable.forEach(result::addAll);
        return result;
    }

    private static List<List<ServiceEntry>> buckets() {
        List<List<ServiceEntry>> table = new ArrayList<>(TABLE_MASK + 1);
        for (int i = 0; i <= TABLE_MASK; i++) {
            table.add(new ArrayList<>(0));
        }
        return table;
    }
}
