package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;

/**
 * The order of ipvsadm's sorted listings: libipvs's ipvs_cmp_services and ipvs_cmp_dests, run by
 * glibc's qsort (a stable top-down merge sort). The comparisons subtract unsigned 32-bit values
 * into an int, as libipvs does, so addresses more than 2^31 apart compare "backwards"
 * (192.168.0.1 lists before 10.0.0.1); the merge sort makes the result exactly ipvsadm's.
 */
final class ListingOrder {

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    // A sort key: mark, family, protocol, IPv6 (1 or 0), the four address words, port; computed
    // once per entry so that the comparisons neither allocate nor call through the records (the
    // listing runs on cold code, where each call counts). A destination's first three are 0, as
    // ipvs_cmp_dests compares the address and port only.
    private static final int V6 = 3;
    private static final int WORDS = 4;
    private static final int PORT = 8;

    private ListingOrder() {
    }

    static List<ServiceStatus> services(List<ServiceStatus> services) {
        return byServiceKey(services, s -> s.spec().key());
    }

    /** Services' local addresses in the order of the services' -A lines (-S's -P lines). */
    static List<ServiceLocalAddresses> localAddresses(List<ServiceLocalAddresses> services) {
        return byServiceKey(services, ServiceLocalAddresses::key);
    }

    private static <T> List<T> byServiceKey(List<T> services, Function<T, ServiceKey> key) {
        int[][] keys = new int[services.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = serviceKey(key.apply(services.get(i)));
        }
        return byKeys(services, keys);
    }

    static List<DestinationStatus> destinations(List<DestinationStatus> destinations) {
        if (destinations.size() <= 1) {
            return destinations;
        }
        int[][] keys = new int[destinations.size()][];
        for (int i = 0; i < keys.length; i++) {
            DestinationStatus d = destinations.get(i);
            InetAddress address = d.spec().address();
            keys[i] = sortKey(0, 0, 0, AddressFamily.of(address), InetText.words(address), d.spec().port());
        }
        return byKeys(destinations, keys);
    }

    private static int[] serviceKey(ServiceKey key) {
        return sortKey(mark(key), family(key.family()), protocol(key), key.family(), words(key), port(key));
    }

    private static int[] sortKey(int mark, int family, int protocol, AddressFamily addressFamily, int[] words, int port) {
        return new int[] {mark, family, protocol, addressFamily == AddressFamily.INET6 ? 1 : 0,
            words[0], words[1], words[2], words[3], port};
    }

    /** ipvs_cmp_services / ipvs_cmp_dests on two sort keys. */
    private static int compareKeys(int[] a, int[] b) {
        for (int i = 0; i < V6; i++) {
            if (a[i] != b[i]) {
                return a[i] - b[i];
            }
        }
        int words = a[V6] == 1 ? 4 : 1;
        for (int i = WORDS; i < WORDS + words; i++) {
            if (a[i] != b[i]) {
                return a[i] - b[i];
            }
        }
        return a[PORT] - b[PORT];
    }

    /** The items in the order of their sort keys. */
    private static <T> List<T> byKeys(List<T> items, int[][] keys) {
        return inOrder(items, (x, y) -> compareKeys(keys[x], keys[y]));
    }

    private static int mark(ServiceKey key) {
        return key instanceof ServiceKey.Mark m ? m.mark() : 0;
    }

    private static int family(AddressFamily family) {
        return family == AddressFamily.INET6 ? AF_INET6 : AF_INET;
    }

    /** A mark service carries TCP, which ipvsadm sets for -f. */
    private static int protocol(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.protocol().number() : Protocol.TCP.number();
    }

    private static int[] words(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? InetText.words(a.address()) : new int[4];
    }

    private static int port(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.port() : 0;
    }

    /** glibc's msort on any list: see {@link #sortIndices}. */
    static <T> List<T> mergeSort(List<T> items, Comparator<? super T> order) {
        return inOrder(items, (x, y) -> order.compare(items.get(x), items.get(y)));
    }

    /** The items in the order that compares their indices. */
    private static <T> List<T> inOrder(List<T> items, IntBinaryOperator compareIndices) {
        int[] order = new int[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        sortIndices(order, new int[order.length], 0, order.length, compareIndices);
        List<T> sorted = new ArrayList<>(order.length);
        for (int i : order) {
            sorted.add(items.get(i));
        }
        return sorted;
    }

    /** glibc's msort: halves of n/2 and n - n/2, merged taking the left element on ties. */
    private static void sortIndices(int[] work, int[] scratch, int from, int n, IntBinaryOperator compare) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        sortIndices(work, scratch, from, n1, compare);
        sortIndices(work, scratch, from + n1, n - n1, compare);
        int i = from;
        int j = from + n1;
        int endLeft = from + n1;
        int endRight = from + n;
        int k = 0;
        while (i < endLeft && j < endRight) {
            scratch[k++] = compare.applyAsInt(work[i], work[j]) <= 0 ? work[i++] : work[j++];
        }
        while (i < endLeft) {
            scratch[k++] = work[i++];
        }
        // what is left of the right half is already in place
        System.arraycopy(scratch, 0, work, from, k);
    }
}
