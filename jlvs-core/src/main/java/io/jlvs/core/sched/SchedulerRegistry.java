package io.jlvs.core.sched;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** The schedulers by name, as the kernel's register_ip_vs_scheduler list. */
public final class SchedulerRegistry {
    private static final Map<String, Function<SchedulerContext, Scheduler>> FACTORIES = standardFactories();

    private SchedulerRegistry() {
    }

    private static Map<String, Function<SchedulerContext, Scheduler>> standardFactories() {
        Map<String, Function<SchedulerContext, Scheduler>> map = new TreeMap<>();
        // Each algorithm registers here by its kernel name; the core never tests a name elsewhere.
        map.put("rr", context -> new RoundRobin());
        map.put("wrr", context -> new WeightedRoundRobin());
        map.put("lc", context -> new LeastConnection());
        map.put("wlc", context -> new WeightedLeastConnection());
        map.put("sed", context -> new ShortestExpectedDelay());
        map.put("nq", context -> new NeverQueue());
        map.put("fo", context -> new WeightedFailover());
        map.put("ovf", context -> new WeightedOverflow());
        map.put("twos", TwoChoice::new);
        map.put("dh", context -> new DestinationHashing());
        map.put("sh", context -> new SourceHashing());
        map.put("mh", context -> new MaglevHashing());
        map.put("lblc", context -> new LocalityBasedLeastConnection());
        map.put("lblcr", context -> new LocalityBasedLeastConnectionReplication());
        return Collections.unmodifiableMap(map);
    }

    /** Whether a scheduler of this name exists. */
    public static boolean exists(String name) {
        return FACTORIES.containsKey(name);
    }

    /** The registered names, sorted. */
    public static Iterable<String> names() {
        return FACTORIES.keySet();
    }

    /** A new instance of the named scheduler, for binding to one service. */
    public static Optional<Scheduler> create(String name, SchedulerContext context) {
        Function<SchedulerContext, Scheduler> factory = FACTORIES.get(name);
        return factory == null ? Optional.empty() : Optional.of(factory.apply(context));
    }
}
