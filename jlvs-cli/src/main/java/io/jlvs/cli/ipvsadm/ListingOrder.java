package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of ipvsadm's sorted listings: libipvs's ipvs_cmp_services and ipvs_cmp_dests, run by
 * glibc's qsort (a stable top-down merge sort). The comparisons subtract unsigned 32-bit values
 * into an int, as libipvs does, so addresses more than 2^31 apart compare "backwards"
 * (192.168.0.1 lists before 10.0.0.1); the merge sort makes the result exactly ipvsadm's.
 */
final class ListingOrder {

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private ListingOrder() {
    }

    static List<ServiceStatus> services(List<ServiceStatus> services) {
        return mergeSort(services, ListingOrder::compareServices);
    }

    static List<DestinationStatus> destinations(List<DestinationStatus> destinations) {
        return mergeSort(destinations, ListingOrder::compareDestinations);
    }

    static int compareServices(ServiceStatus a, ServiceStatus b) {
        ServiceKey ka = a.spec().key();
        ServiceKey kb = b.spec().key();
        int r = mark(ka) - mark(kb);
        if (r != 0) {
            return r;
        }
        r = family(ka.family()) - family(kb.family());
        if (r != 0) {
            return r;
        }
        r = protocol(ka) - protocol(kb);
        if (r != 0) {
            return r;
        }
        r = compareAddresses(ka.family(), words(ka), words(kb));
        if (r != 0) {
            return r;
        }
        return port(ka) - port(kb);
    }

    static int compareDestinations(DestinationStatus a, DestinationStatus b) {
        InetAddress aa = a.spec().address();
        int r = compareAddresses(AddressFamily.of(aa), InetText.words(aa), InetText.words(b.spec().address()));
        if (r != 0) {
            return r;
        }
        return a.spec().port() - b.spec().port();
    }

    /** Word by word for IPv6 (by the first entry's family), the first word only for IPv4. */
    private static int compareAddresses(AddressFamily family, int[] a, int[] b) {
        if (family == AddressFamily.INET6) {
            int r = 0;
            for (int i = 0; r == 0 && i < 4; i++) {
                r = a[i] - b[i];
            }
            return r;
        }
        return a[0] - b[0];
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

    /** glibc's msort: halves of n/2 and n - n/2, merged taking the left element on ties. */
    static <T> List<T> mergeSort(List<T> items, Comparator<? super T> order) {
        List<T> work = new ArrayList<>(items);
        List<T> scratch = new ArrayList<>(items);
        sort(work, scratch, 0, work.size(), order);
        return work;
    }

    private static <T> void sort(List<T> work, List<T> scratch, int from, int n, Comparator<? super T> order) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        sort(work, scratch, from, n1, order);
        sort(work, scratch, from + n1, n2, order);
        int i = from;
        int j = from + n1;
        int endLeft = from + n1;
        int endRight = from + n;
        int k = 0;
        while (i < endLeft && j < endRight) {
            if (order.compare(work.get(i), work.get(j)) <= 0) {
                scratch.set(k++, work.get(i++));
            } else {
                scratch.set(k++, work.get(j++));
            }
        }
        while (i < endLeft) {
            scratch.set(k++, work.get(i++));
        }
        // what is left of the right half is already in place
        for (int m = 0; m < k; m++) {
            work.set(from + m, scratch.get(m));
        }
    }
}
