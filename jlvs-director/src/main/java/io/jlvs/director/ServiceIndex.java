package io.jlvs.director;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.Addresses;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;
import java.util.Collection;

/**
 * A worker's index of its services by what a packet carries, so finding the service of a new flow
 * allocates nothing (the core's table is keyed by records): by protocol, family, address and port;
 * by firewall mark; and the set of VIPs, so a packet to a VIP on a port no service has is told from
 * traffic that is not jlvsd's. Rebuilt on the worker's thread after every change of the table
 * (control path; allocation is fine there). Open addressing, linear probing, load at most 1/2.
 */
final class ServiceIndex {
    private static final int FAMILY_4 = 4;
    private static final int FAMILY_6 = 6;

    private int mask;
    /** Per cell: protocol (or -1 for a mark cell, -2 for a VIP cell), family, port or mark, 4 words. */
    private int[] keys = new int[0];
    private VirtualService[] values = new VirtualService[0];
    private boolean[] used = new boolean[0];
    private boolean anyMark;

    /** Indexes these services (the core's table, in its order). */
    void rebuild(Collection<VirtualService> services) {
        int cells = Integer.highestOneBit(Math.max(4, services.size() * 2) * 2 - 1) * 2;
        mask = cells - 1;
        keys = new int[cells * 7];
        values = new VirtualService[cells];
        used = new boolean[cells];
        anyMark = false;
        int[] words = new int[4];
        for (VirtualService service : services) {
            switch (service.key()) {
                case ServiceKey.Address a -> {
                    Addresses.toWords(a.address(), words);
                    int fam = a.address() instanceof java.net.Inet6Address ? FAMILY_6 : FAMILY_4;
                    put(a.protocol().number(), fam, a.port(), words, service);
                    if (find(-2, fam, 0, words[0], words[1], words[2], words[3]) == null) {
                        put(-2, fam, 0, words, service);
                    }
                }
                case ServiceKey.Mark m -> {
                    Arrays.fill(words, 0);
                    put(-1, m.family() == AddressFamily.INET6 ? FAMILY_6 : FAMILY_4, m.mark(), words, service);
                    anyMark = true;
                }
            }
        }
    }

    /**
     * The service of a new packet, as ip_vs_service_find: by mark first (when the packet has one),
     * then by protocol, address and port, then a persistent service on port 0 of the address.
     */
    VirtualService lookup(int protocol, int family, int w0, int w1, int w2, int w3, int port, int mark) {
        if (mark != 0) {
            VirtualService byMark = lookupMark(family, mark);
            if (byMark != null) {
                return byMark;
            }
        }
        VirtualService exact = find(protocol, family, port, w0, w1, w2, w3);
        if (exact != null || port == 0) {
            return exact;
        }
        VirtualService portZero = find(protocol, family, 0, w0, w1, w2, w3);
        return portZero != null && portZero.spec().persistent() ? portZero : null;
    }

    /** The firewall-mark service of this mark and family (4 or 6), or null. */
    VirtualService lookupMark(int family, int mark) {
        return anyMark ? find(-1, family, mark, 0, 0, 0, 0) : null;
    }

    /** Whether the address is the VIP of any service (family 4 or 6). */
    boolean isVip(int family, int w0, int w1, int w2, int w3) {
        return find(-2, family, 0, w0, w1, w2, w3) != null;
    }

    private VirtualService find(int protocol, int family, int port, int w0, int w1, int w2, int w3) {
        if (used.length == 0) {
            return null;
        }
        for (int i = hash(protocol, family, port, w0, w1, w2, w3) & mask; ; i = (i + 1) & mask) {
            if (!used[i]) {
                return null;
            }
            int k = i * 7;
            if (keys[k] == protocol && keys[k + 1] == family && keys[k + 2] == port && keys[k + 3] == w0
                    && keys[k + 4] == w1 && keys[k + 5] == w2 && keys[k + 6] == w3) {
                return values[i];
            }
        }
    }

    private void put(int protocol, int family, int port, int[] words, VirtualService service) {
        int i = hash(protocol, family, port, words[0], words[1], words[2], words[3]) & mask;
        while (used[i]) {
            i = (i + 1) & mask;
        }
        used[i] = true;
        int k = i * 7;
        keys[k] = protocol;
        keys[k + 1] = family;
        keys[k + 2] = port;
        System.arraycopy(words, 0, keys, k + 3, 4);
        values[i] = service;
    }

    private static int hash(int protocol, int family, int port, int w0, int w1, int w2, int w3) {
        int h = (protocol * 31 + family) * 0x9E3779B9 + port;
        h = (h ^ w0) * 0x85EBCA6B;
        h = (h ^ w1) * 0xC2B2AE35;
        h = (h ^ w2) * 0x85EBCA6B;
        h = (h ^ w3) * 0xC2B2AE35;
        return h ^ (h >>> 15);
    }
}
