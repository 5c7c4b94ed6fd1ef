package io.jlvs.daemon.realserver;

/**
 * A device that must exist and be up (tunl0 of the kernel's ipip).
 *
 * @param device its name
 * @param whyItMatters what goes wrong without it
 */
record LinkUp(String device, String whyItMatters) implements Requirement {
}
