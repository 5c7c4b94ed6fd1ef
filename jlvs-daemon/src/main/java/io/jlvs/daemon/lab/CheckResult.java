package io.jlvs.daemon.lab;

/**
 * One check of a lab: what it checks, whether it held, and the figures observed.
 *
 * @param name what was checked
 * @param passed whether it held
 * @param figures what was observed, in words and numbers
 */
public record CheckResult(String name, boolean passed, String figures) {
    /** "PASS name: figures" or "FAIL name: figures". */
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": " + figures;
    }
}
