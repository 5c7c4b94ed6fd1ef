package io.jlvs.core.conn;

import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The real servers connection entries point at, by int index: an entry stores the index, not a
 * reference, so the table stays primitive. Each index also knows its server's service (the
 * kernel's dest->svc), which service counters need.
 *
 * <p>A server keeps its index while connections reference it, including after it is deleted from
 * its service (the kernel's dest trash); {@link #prune()} frees indexes nothing references.
 * Registering a server the first time allocates; looking one up does not.
 */
public final class DestinationRegistry {
    private final IdentityHashMap<RealServer, Integer> indexes = new IdentityHashMap<>();
    private RealServer[] servers = new RealServer[16];
    private VirtualService[] services = new VirtualService[16];
    private int[] references = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int highWater;

    /** The index of a server of a service, registering it when new. */
    public int register(VirtualService service, RealServer server) {
        Integer known = indexes.get(server);
        if (known != null) {
            int index = known;
            services[index] = service;
            return index;
        }
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else {
            if (highWater == servers.length) {
                int size = servers.length * 2;
                servers = Arrays.copyOf(servers, size);
                services = Arrays.copyOf(services, size);
                references = Arrays.copyOf(references, size);
                free = Arrays.copyOf(free, size);
            }
            index = highWater++;
        }
        servers[index] = server;
        services[index] = service;
        references[index] = 0;
        indexes.put(server, index);
        return index;
    }

    /** The server at an index. */
    public RealServer server(int index) {
        return servers[index];
    }

    /** The service the server at an index belongs (or belonged) to. */
    public VirtualService service(int index) {
        return services[index];
    }

    /** How many entries reference the index. */
    public int references(int index) {
        return references[index];
    }

    void retain(int index) {
        references[index]++;
    }

    void release(int index) {
        references[index]--;
    }

    /** Frees the indexes of servers that are no longer available and that no entry references. */
    public int prune() {
        int pruned = 0;
        for (int i = 0; i < highWater; i++) {
            RealServer server = servers[i];
            if (server != null && references[i] == 0 && !server.isAvailable()) {
                indexes.remove(server);
                servers[i] = null;
                services[i] = null;
                free[freeCount++] = i;
                pruned++;
            }
        }
        return pruned;
    }

    /** The number of registered servers. */
    public int size() {
        return indexes.size();
    }
}
