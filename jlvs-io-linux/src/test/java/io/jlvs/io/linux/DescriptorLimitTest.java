package io.jlvs.io.linux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The getrlimit/setrlimit binding against what the kernel reports elsewhere: /proc/self/limits and
 * the shell's ulimit in a child process (which inherits the limit). Every change is undone.
 */
class DescriptorLimitTest {

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"), "Linux only");
        assertTrue(LinuxNative.isAvailable(), () -> "the bindings must work on Linux: " + LinuxNative.unavailabilityCause());
    }

    @Test
    void theLimitIsWhatProcSelfLimitsAndUlimitSay() throws Exception {
        DescriptorLimit limit = DescriptorLimit.current();

        assertEquals(procSelfLimits(), limit);
        assertEquals(shell("ulimit -Sn") + " " + shell("ulimit -Hn"), render(limit.soft()) + " " + render(limit.hard()));
    }

    @Test
    void aLowerSoftLimitIsSetAndTheHardLimitKept() throws Exception {
        DescriptorLimit original = DescriptorLimit.current();
        long lower = Math.min(original.soft(), original.hard()) - 7;
        try {
            DescriptorLimit lowered = DescriptorLimit.setSoft(lower);

            assertEquals(new DescriptorLimit(lower, original.hard()), lowered);
            assertEquals(lowered, procSelfLimits());
            assertEquals(Long.toString(lower), shell("ulimit -Sn"));

            assertEquals(new DescriptorLimit(original.hard(), original.hard()), DescriptorLimit.raiseSoftToHard());
            assertEquals(original.hard(), procSelfLimits().soft());
        } finally {
            DescriptorLimit.setSoft(original.soft());
        }
        assertEquals(original, procSelfLimits());
    }

    @Test
    void aSoftLimitAboveTheHardLimitFailsWithEinvalAndChangesNothing() throws Exception {
        DescriptorLimit original = DescriptorLimit.current();
        assumeTrue(original.hard() != DescriptorLimit.UNLIMITED, "no hard limit to exceed");

        SystemCallException e = assertThrows(SystemCallException.class, () -> DescriptorLimit.setSoft(original.hard() + 1));

        assertEquals(22, e.errno());
        assertEquals("setrlimit(RLIMIT_NOFILE, soft " + (original.hard() + 1) + ", hard " + original.hard()
                + "): Invalid argument (errno 22)", e.getMessage());
        assertEquals(original, procSelfLimits());
    }

    @Test
    void aNegativeLimitIsRefusedBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DescriptorLimit.setSoft(-1));
        assertEquals("a descriptor limit cannot be negative: -1", e.getMessage());
    }

    /** "Max open files   SOFT   HARD   files" from /proc/self/limits. */
    private static DescriptorLimit procSelfLimits() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] columns = line.substring("Max open files".length()).trim().split("\\s+");
                return new DescriptorLimit(parse(columns[0]), parse(columns[1]));
            }
        }
        throw new AssertionError("no 'Max open files' line in /proc/self/limits");
    }

    private static long parse(String column) {
        return column.equals("unlimited") ? DescriptorLimit.UNLIMITED : Long.parseLong(column);
    }

    private static String render(long limit) {
        return limit == DescriptorLimit.UNLIMITED ? "unlimited" : Long.toString(limit);
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
