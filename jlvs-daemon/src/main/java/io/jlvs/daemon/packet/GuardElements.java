package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.core.model.ServiceKey;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The guard's shadow of its sets: the elements each service contributes, how many services hold
 * each element (a real server of two NAT services is one element), and the elements added and
 * deleted since the kernel last took a change. A change to one service costs that service's
 * elements, whatever the size of the table.
 */
final class GuardElements {
    private final Function<ServiceEntry, List<InetAddress>> localAddresses;
    private final Map<ServiceKey, List<GuardElement>> byService = new HashMap<>();
    private final Map<GuardElement, Integer> holders = new HashMap<>();
    private final Set<GuardElement> added = new HashSet<>();
    private final Set<GuardElement> deleted = new HashSet<>();

    /** @param localAddresses a FULLNAT service's local addresses */
    GuardElements(Function<ServiceEntry, List<InetAddress>> localAddresses) {
        this.localAddresses = localAddresses;
    }

    /** Takes the service of this key as it is now in the table (gone when the table has none). */
    void update(ServiceKey key, ServiceTable table) {
        ServiceEntry service = table.serviceOrNull(key);
        List<GuardElement> now = service == null ? List.of() : ServiceElements.of(service, localAddresses.apply(service));
        List<GuardElement> before = now.isEmpty() ? byService.remove(key) : byService.put(key, now);
        for (GuardElement element : now) {
            hold(element);
        }
        if (before != null) {
            for (GuardElement element : before) {
                release(element);
            }
        }
    }

    /** Takes every service of the table, and drops those it no longer has (after a flush). */
    void updateAll(ServiceTable table) {
        for (ServiceKey key : List.copyOf(byService.keySet())) {
            update(key, table);
        }
        for (ServiceEntry service : table.services()) {
            update(service.key(), table);
        }
    }

    /** Every element held now, by set, sorted. */
    Map<GuardSet, SortedSet<String>> all() {
        return bySet(holders.keySet());
    }

    /** The elements added since the last {@link #takeChange}, by set, sorted. */
    Map<GuardSet, SortedSet<String>> pendingAdditions() {
        return bySet(added);
    }

    /** The elements deleted since the last {@link #takeChange}, by set, sorted. */
    Map<GuardSet, SortedSet<String>> pendingDeletions() {
        return bySet(deleted);
    }

    /** Whether anything was added or deleted since the last {@link #takeChange}. */
    boolean changed() {
        return !added.isEmpty() || !deleted.isEmpty();
    }

    /** The kernel has taken the change (or the whole set): start counting the next. */
    void takeChange() {
        added.clear();
        deleted.clear();
    }

    private void hold(GuardElement element) {
        if (holders.merge(element, 1, Integer::sum) == 1 && !deleted.remove(element)) {
            added.add(element);
        }
    }

    private void release(GuardElement element) {
        if (holders.merge(element, -1, Integer::sum) == 0) {
            holders.remove(element);
            if (!added.remove(element)) {
                deleted.add(element);
            }
        }
    }

    private static Map<GuardSet, SortedSet<String>> bySet(Set<GuardElement> elements) {
        Map<GuardSet, SortedSet<String>> sets = new LinkedHashMap<>();
        for (GuardSet set : GuardSet.ALL) {
            sets.put(set, new TreeSet<>());
        }
        for (GuardElement element : elements) {
            sets.get(element.set()).add(element.key());
        }
        return sets;
    }
}
