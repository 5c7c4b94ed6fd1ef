package io.jlvs.core.sched;

import io.jlvs.core.service.RealServer;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random histories of adds, re-adds, weight edits, deletes, OVERLOAD flips and load
 * changes, with schedules in between: no scheduler ever returns a deleted, OVERLOADED or weight-0
 * server, and each returns null exactly when no server is usable by its own rule.
 */
class SchedulerInvariantsTest {
    private static final String NAMES = "ABCDEFGH";
    private static final int STEPS = 3000;

    static Stream<Arguments> schedulersAndSeeds() {
        return Stream.of("rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos")
                .flatMap(name -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(name, Seeds.seed(seed))));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("schedulersAndSeeds")
    void neverPicksAnUnusableServerAndPicksOneWhenAnyIsUsable(String scheduler, long seed) {
        RandomGenerator random = Seeds.random(seed);
        SchedulerFixture f = SchedulerFixture.of(scheduler, new SchedulerContext(Seeds.random(seed + 1)));
        for (int step = 0; step < STEPS; step++) {
            String action = mutate(f, random);
            int schedules = 1 + random.nextInt(4);
            for (int i = 0; i < schedules; i++) {
                char picked = f.next();
                boolean anyUsable = anyUsable(f, scheduler);
                String where = scheduler + " seed " + seed + " step " + step + " after " + action
                        + " list " + describe(f) + " picked " + picked;
                if (picked == '-') {
                    assertTrue(!anyUsable, "returned null with a usable server: " + where);
                    continue;
                }
                assertTrue(f.order().indexOf(picked) >= 0, "returned a server not in the list: " + where);
                assertTrue(usable(f.server(picked), scheduler), "returned an unusable server: " + where);
            }
        }
    }

    /** One random change to the service; returns what it did, for failure messages. */
    private static String mutate(SchedulerFixture f, RandomGenerator random) {
        char name = NAMES.charAt(random.nextInt(NAMES.length()));
        boolean present = f.order().indexOf(name) >= 0;
        int weight = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(6);
        if (!present) {
            f.add(String.valueOf(name), weight);
            return "add " + name + " w" + weight;
        }
        switch (random.nextInt(5)) {
            case 0 -> f.weight(name, weight);
            case 1 -> f.remove(name);
            case 2 -> f.overload(name, !f.server(name).isOverloaded());
            default -> f.conns(name, random.nextInt(12), random.nextInt(40));
        }
        return "change to " + name;
    }

    private static boolean usable(RealServer server, String scheduler) {
        boolean base = !server.isOverloaded() && server.weight() > 0 && server.isAvailable();
        // ovf also leaves out a server whose active connections exceed its weight.
        return scheduler.equals("ovf") ? base && server.activeConns() <= server.weight() : base;
    }

    private static boolean anyUsable(SchedulerFixture f, String scheduler) {
        for (int i = 0; i < f.service().destinationCount(); i++) {
            if (usable(f.service().destination(i), scheduler)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(SchedulerFixture f) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < f.service().destinationCount(); i++) {
            RealServer s = f.service().destination(i);
            text.append(SchedulerFixture.letter(s)).append("(w").append(s.weight())
                    .append(s.isOverloaded() ? ",ovl" : "").append(",a").append(s.activeConns()).append(") ");
        }
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos"})
    void anEmptyServiceGivesNull(String scheduler) {
        assertEquals('-', SchedulerFixture.of(scheduler).next());
        SchedulerFixture f = SchedulerFixture.of(scheduler).add("A", 1).remove('A');
        if (f.next() != '-') {
            fail(scheduler + " returned a deleted server");
        }
    }
}
