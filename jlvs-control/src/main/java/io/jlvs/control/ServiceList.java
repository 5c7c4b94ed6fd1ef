package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services of a {@link ServiceTable}: an immutable list that finds a service by key in O(1),
 * so that one change to a table of 10,000 services costs what it costs with 10. A table made by
 * changing or appending one service shares its parent's key index: the index is append-only and
 * a lookup checks the position it gives, so lists that share it never see each other's services.
 * A list that cannot share (after a removal, or when a sibling holds the same key elsewhere)
 * builds its own on first lookup.
 */
final class ServiceList extends AbstractList<ServiceEntry> implements RandomAccess {
    private static final ServiceList EMPTY = new ServiceList(new ServiceEntry[0], null);

    private final ServiceEntry[] entries;
    // key -> position, shared with the lists this one was made from or makes; null until needed
    private volatile Map<ServiceKey, Integer> index;

    private ServiceList(ServiceEntry[] entries, Map<ServiceKey, Integer> index) {
        this.entries = entries;
        this.index = index;
    }

    /** An immutable copy (the list itself when it is one); null entries are refused as by List.copyOf. */
    static ServiceList copyOf(List<ServiceEntry> services) {
        if (services instanceof ServiceList list) {
            return list;
        }
        ServiceEntry[] entries = services.toArray(ServiceEntry[]::new);
        for (ServiceEntry entry : entries) {
            Objects.requireNonNull(entry, "a service");
        }
        return entries.length == 0 ? EMPTY : new ServiceList(entries, null);
    }

    @Override
    public ServiceEntry get(int i) {
        return entries[i];
    }

    @Override
    public int size() {
        return entries.length;
    }

    /** The position of the first service with this key, or -1. */
    int indexOf(ServiceKey key) {
        Integer i = index().get(key);
        return i != null && i < entries.length && entries[i].key().equals(key) ? i : -1;
    }

    private Map<ServiceKey, Integer> index() {
        Map<ServiceKey, Integer> map = index;
        if (map == null) {
            map = new ConcurrentHashMap<>(Math.max(16, entries.length * 2));
            for (int i = 0; i < entries.length; i++) {
                map.putIfAbsent(entries[i].key(), i);
            }
            index = map;
        }
        return map;
    }

    /** This list with the service at a position replaced by one of the same key. */
    ServiceList with(int position, ServiceEntry entry) {
        ServiceEntry[] copy = entries.clone();
        copy[position] = entry;
        boolean sameKey = entries[position].key().equals(entry.key());
        return new ServiceList(copy, sameKey ? index : null);
    }

    /** This list with a service appended. */
    ServiceList withAdded(ServiceEntry entry) {
        ServiceEntry[] copy = new ServiceEntry[entries.length + 1];
        System.arraycopy(entries, 0, copy, 0, entries.length);
        copy[entries.length] = entry;
        Map<ServiceKey, Integer> map = index;
        if (map != null) {
            Integer there = map.putIfAbsent(entry.key(), entries.length);
            if (there != null && there != entries.length) {
                map = null;
            }
        }
        return new ServiceList(copy, map);
    }

    /** This list without the service at a position. */
    ServiceList without(int position) {
        ServiceEntry[] copy = new ServiceEntry[entries.length - 1];
        System.arraycopy(entries, 0, copy, 0, position);
        System.arraycopy(entries, position + 1, copy, position, copy.length - position);
        return new ServiceList(copy, null);
    }
}
