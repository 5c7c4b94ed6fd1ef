package io.jlvs.io.linux;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Whether the Linux bindings can be used here, probed once (as Netty's Epoll is): the OS must be
 * Linux on an architecture whose constants the bindings know, and one real call (getrlimit) must
 * succeed through java.lang.foreign. When not, {@link #unavailabilityCause()} says why; nothing
 * assumes the bindings work without asking.
 */
public final class LinuxNative {
    /** Architectures with the asm-generic numbering (RLIMIT_NOFILE 7, ...) and 64-bit C longs. */
    private static final Set<String> GENERIC_64_BIT = Set.of("amd64", "x86_64", "aarch64", "riscv64", "ppc64le",
            "s390x", "loongarch64");
    private static final Availability AVAILABILITY = availability(probe());

    private LinuxNative() {
    }

    private static Throwable probe() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException("not Linux (os.name " + os + ")");
        }
        if (!GENERIC_64_BIT.contains(arch)) {
            return new UnsupportedOperationException("the bindings do not know the constants of architecture " + arch);
        }
        try {
            DescriptorLimit.read();
            return null;
        } catch (ExceptionInInitializerError e) {
            return Objects.requireNonNullElse(e.getCause(), e);
        } catch (Throwable e) { // UnsatisfiedLinkError, IllegalCallerException (native access denied), ...
            return e;
        }
    }

    private static Availability availability(Throwable cause) {
        return cause == null ? Availability.AVAILABLE
                : Availability.unavailable("the Linux bindings are unavailable: " + cause, cause);
    }

    /** Whether the bindings work on this machine. */
    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    /** Why they do not, or null when they do. */
    public static Throwable unavailabilityCause() {
        return AVAILABILITY.cause();
    }

    /** Throws, naming the cause, unless the bindings work. */
    public static void ensureAvailability() {
        AVAILABILITY.ensure();
    }
}
