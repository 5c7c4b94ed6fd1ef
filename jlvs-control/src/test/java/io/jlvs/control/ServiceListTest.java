package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lists that share a key index never see each other's services. */
class ServiceListTest {
    private static final ServiceKey A = tcp("10.0.0.1", 80);
    private static final ServiceKey B = tcp("10.0.0.2", 80);
    private static final ServiceKey C = tcp("10.0.0.3", 80);

    private static ServiceEntry entry(ServiceKey key) {
        return ServiceEntry.of(service(key));
    }

    @Test
    void aParentDoesNotFindWhatItsChildAdded() {
        ServiceList parent = ServiceList.copyOf(List.of(entry(A)));
        assertEquals(0, parent.indexOf(A));

        ServiceList child = parent.withAdded(entry(B));

        assertEquals(1, child.indexOf(B));
        assertEquals(-1, parent.indexOf(B));
    }

    @Test
    void siblingsThatAddTheSameKeysInAnotherOrderFindTheirOwn() {
        ServiceList parent = ServiceList.copyOf(List.of(entry(A)));
        parent.indexOf(A);
        ServiceList first = parent.withAdded(entry(B)).withAdded(entry(C));
        ServiceList second = parent.withAdded(entry(C)).withAdded(entry(B));

        assertEquals(List.of(0, 1, 2), List.of(first.indexOf(A), first.indexOf(B), first.indexOf(C)));
        assertEquals(List.of(0, 2, 1), List.of(second.indexOf(A), second.indexOf(B), second.indexOf(C)));
    }

    @Test
    void aRemovalShiftsThePositionsAndAChangeKeepsThem() {
        ServiceList list = ServiceList.copyOf(List.of(entry(A), entry(B), entry(C)));
        list.indexOf(A);

        ServiceList without = list.without(0);
        ServiceList changed = list.with(1, ServiceEntry.of(service(B, "wlc")));

        assertEquals(List.of(-1, 0, 1), List.of(without.indexOf(A), without.indexOf(B), without.indexOf(C)));
        assertEquals(1, changed.indexOf(B));
        assertEquals("wlc", changed.get(changed.indexOf(B)).spec().scheduler());
        assertEquals(List.of(entry(A), entry(B), entry(C)), list);
    }
}
