package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.jlvs.cli.ipvsadm.Table.dest;
import static io.jlvs.cli.ipvsadm.Table.service;
import static io.jlvs.cli.ipvsadm.Table.spec;
import static io.jlvs.cli.ipvsadm.Table.tcp;
import static io.jlvs.cli.ipvsadm.Table.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** libipvs's comparisons under glibc's merge sort, quirks included. */
class ListingOrderTest {

    private static List<ServiceKey> keys(List<ServiceStatus> services) {
        return services.stream().map(s -> s.spec().key()).toList();
    }

    @Test
    void addressesMoreThanTwoToThe31ApartSortBackwardsAsInLibipvs() {
        // 10.0.0.1 - 192.168.0.1 wraps to a positive int, so 192.168.0.1 lists first
        List<ServiceStatus> sorted = ListingOrder.services(List.of(
                service(spec(tcp("10.0.0.1", 80), "rr")),
                service(spec(tcp("192.168.0.1", 80), "rr")),
                service(spec(tcp("172.16.0.1", 80), "rr"))));
        assertEquals(List.of(tcp("172.16.0.1", 80), tcp("192.168.0.1", 80), tcp("10.0.0.1", 80)), keys(sorted));
    }

    @Test
    void marksComeAfterAddressesThenFamilyThenProtocolThenAddressThenPort() {
        ServiceKey mark6 = new ServiceKey.Mark(AddressFamily.INET6, 2);
        ServiceKey mark4 = new ServiceKey.Mark(AddressFamily.INET, 2);
        ServiceKey mark1 = new ServiceKey.Mark(AddressFamily.INET, 1);
        List<ServiceKey> expected = List.of(tcp("10.0.0.1", 80), tcp("10.0.0.1", 443), tcp("10.0.0.2", 22),
                udp("10.0.0.1", 53), tcp("2001:db8::1", 80), tcp("2001:db8::2", 80), mark1, mark4, mark6);
        List<ServiceStatus> shuffled = new ArrayList<>(expected.stream().map(k -> service(spec(k, "rr"))).toList());
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(expected, keys(ListingOrder.services(shuffled)));
    }

    @Test
    void destinationsSortByAddressThenPortWithTheSameWrap() {
        List<DestinationStatus> sorted = ListingOrder.destinations(List.of(
                dest("10.0.0.2", 80, ForwardMethod.MASQ, 1, 0, 0),
                dest("10.0.0.2", 79, ForwardMethod.MASQ, 1, 0, 0),
                dest("200.0.0.1", 80, ForwardMethod.MASQ, 1, 0, 0),
                dest("1.0.0.1", 80, ForwardMethod.MASQ, 1, 0, 0)));
        assertEquals(List.of("200.0.0.1:80", "1.0.0.1:80", "10.0.0.2:79", "10.0.0.2:80"),
                sorted.stream().map(d -> InetText.format(d.spec().address()) + ":" + d.spec().port()).toList());
    }

    @Test
    void mergeSortIsStableAndSplitsLikeGlibc() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<int[]> items = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                items.add(new int[] {random.nextInt(5), i});
            }
            List<int[]> sorted = ListingOrder.mergeSort(items, (a, b) -> a[0] - b[0]);
            List<int[]> expected = new ArrayList<>(items);
            expected.sort((a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] - b[1]);
            assertEquals(expected.stream().map(a -> a[1]).toList(), sorted.stream().map(a -> a[1]).toList());
        }
    }
}
