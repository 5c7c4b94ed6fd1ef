package io.jlvs.daemon.lab;

import io.jlvs.testkit.Prerequisites;
import io.jlvs.testkit.TestNetwork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What the root lab tests share: root and the programs required, unique prefixes, this build as the jlvs to run. */
final class LabFixtures {
    private static final AtomicInteger LABS = new AtomicInteger();

    private LabFixtures() {
    }

    /** Skips (fails under JLVS_REQUIRE_NETNS=1) unless root with ip, sysctl and the given programs. */
    static void requireRootAnd(String... programs) {
        Prerequisites.require(TestNetwork.isRoot(), "jlvs lab needs root");
        String missing = HostTools.missing(true, HostTools.searchPath(System.getenv("PATH")));
        Prerequisites.require(missing == null, String.valueOf(missing));
        for (String program : programs) {
            Prerequisites.require(HostTools.searchPath(System.getenv("PATH")).stream()
                    .anyMatch(dir -> dir.resolve(program).toFile().canExecute()), program + " is missing");
        }
    }

    /** A namespace prefix no other lab of any JVM uses: "jl" + pid + a letter. */
    static String prefix() {
        int n = LABS.getAndIncrement();
        return "jl" + ProcessHandle.current().pid() + (char) ('a' + n % 26) + (n / 26 == 0 ? "" : String.valueOf(n / 26));
    }

    /** This test's classes as the jlvs that the lab runs inside its namespaces. */
    static JlvsLauncher thisBuild() {
        return JlvsLauncher.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    }

    /** The namespaces whose names start with prefix + "-". */
    static List<String> namespacesOf(String prefix) throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        return Arrays.stream(text.split("\n")).map(line -> line.split(" ")[0]).filter(ns -> ns.startsWith(prefix + "-")).toList();
    }
}
