package io.jlvs.core.model;

/** The kernel's IP_VS_SVC_F_* bits as they appear in a service's flags word. */
public final class ServiceFlags {
    public static final int PERSISTENT = 0x0001;
    public static final int HASHED = 0x0002;
    public static final int ONEPACKET = 0x0004;
    /** sh-fallback, mh-fallback, flag-1. */
    public static final int SCHED1 = 0x0008;
    /** sh-port, mh-port, flag-2. */
    public static final int SCHED2 = 0x0010;
    /** flag-3. */
    public static final int SCHED3 = 0x0020;
    /** The bits that -b sets. */
    public static final int SCHED_MASK = SCHED1 | SCHED2 | SCHED3;

    private ServiceFlags() {
    }
}
