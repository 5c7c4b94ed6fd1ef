package io.jlvs.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine: when it is missing the test is skipped with the reason
 * printed, unless JLVS_REQUIRE_NETNS=1 (CI), where it fails.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    /** Whether this run requires every prerequisite (CI sets JLVS_REQUIRE_NETNS=1). */
    public static boolean required() {
        return "1".equals(System.getenv("JLVS_REQUIRE_NETNS"));
    }

    /** Skips (or, when required, fails) the test unless the condition holds. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (required()) {
            throw new AssertionError(reason + ", and JLVS_REQUIRE_NETNS=1 requires it");
        }
        skip(reason);
    }

    /** Skips the test with the reason printed: for what no machine of this kind can have. */
    public static void skip(String reason) {
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }
}
