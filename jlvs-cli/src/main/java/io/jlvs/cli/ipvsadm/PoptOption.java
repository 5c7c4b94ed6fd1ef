package io.jlvs.cli.ipvsadm;

/**
 * ipvsadm's popt option table, in its order: long name, short name and whether the option takes
 * an argument. popt matches long names exactly (no abbreviations) and only after "--".
 */
enum PoptOption {
    ADD_SERVICE("add-service", 'A', Arg.NONE),
    EDIT_SERVICE("edit-service", 'E', Arg.NONE),
    DELETE_SERVICE("delete-service", 'D', Arg.NONE),
    CLEAR("clear", 'C', Arg.NONE),
    LIST("list", 'L', Arg.NONE),
    LIST_LOWER("list", 'l', Arg.NONE),
    ZERO("zero", 'Z', Arg.NONE),
    ADD_SERVER("add-server", 'a', Arg.NONE),
    EDIT_SERVER("edit-server", 'e', Arg.NONE),
    DELETE_SERVER("delete-server", 'd', Arg.NONE),
    SET("set", '\0', Arg.NONE),
    HELP("help", 'h', Arg.NONE),
    VERSION("version", 'v', Arg.NONE),
    RESTORE("restore", 'R', Arg.NONE),
    SAVE("save", 'S', Arg.NONE),
    START_DAEMON("start-daemon", '\0', Arg.REQUIRED),
    STOP_DAEMON("stop-daemon", '\0', Arg.REQUIRED),
    TCP_SERVICE("tcp-service", 't', Arg.REQUIRED),
    UDP_SERVICE("udp-service", 'u', Arg.REQUIRED),
    SCTP_SERVICE("sctp-service", '\0', Arg.REQUIRED),
    FWMARK_SERVICE("fwmark-service", 'f', Arg.REQUIRED),
    SCHEDULER("scheduler", 's', Arg.REQUIRED),
    PERSISTENT("persistent", 'p', Arg.OPTIONAL),
    NETMASK("netmask", 'M', Arg.REQUIRED),
    REAL_SERVER("real-server", 'r', Arg.REQUIRED),
    MASQUERADING("masquerading", 'm', Arg.NONE),
    IPIP("ipip", 'i', Arg.NONE),
    GATEWAYING("gatewaying", 'g', Arg.NONE),
    WEIGHT("weight", 'w', Arg.REQUIRED),
    U_THRESHOLD("u-threshold", 'x', Arg.REQUIRED),
    L_THRESHOLD("l-threshold", 'y', Arg.REQUIRED),
    NUMERIC("numeric", 'n', Arg.NONE),
    CONNECTION("connection", 'c', Arg.NONE),
    MCAST_INTERFACE("mcast-interface", '\0', Arg.REQUIRED),
    SYNCID("syncid", '\0', Arg.REQUIRED),
    TIMEOUT("timeout", '\0', Arg.NONE),
    DAEMON("daemon", '\0', Arg.NONE),
    STATS("stats", '\0', Arg.NONE),
    RATE("rate", '\0', Arg.NONE),
    THRESHOLDS("thresholds", '\0', Arg.NONE),
    PERSISTENT_CONN("persistent-conn", '\0', Arg.NONE),
    NOSORT("nosort", '\0', Arg.NONE),
    SORT("sort", '\0', Arg.NONE),
    EXACT("exact", 'X', Arg.NONE),
    IPV6("ipv6", '6', Arg.NONE),
    OPS("ops", 'o', Arg.NONE),
    PE("pe", '\0', Arg.REQUIRED),
    SCHED_FLAGS("sched-flags", 'b', Arg.REQUIRED),
    MCAST_GROUP("mcast-group", '\0', Arg.REQUIRED),
    MCAST_PORT("mcast-port", '\0', Arg.REQUIRED),
    MCAST_TTL("mcast-ttl", '\0', Arg.REQUIRED),
    SYNC_MAXLEN("sync-maxlen", '\0', Arg.REQUIRED),
    TUN_INFO("tun-info", '\0', Arg.NONE),
    TUN_TYPE("tun-type", '\0', Arg.REQUIRED),
    TUN_PORT("tun-port", '\0', Arg.REQUIRED),
    TUN_NOCSUM("tun-nocsum", '\0', Arg.NONE),
    TUN_CSUM("tun-csum", '\0', Arg.NONE),
    TUN_REMCSUM("tun-remcsum", '\0', Arg.NONE),
    /** jlvs extension: full NAT forwarding; long form only so that no stock option changes. */
    FULLNAT("fullnat", '\0', Arg.NONE),
    /** jlvs extension: the PROXY protocol header toward real servers (v1|v2); long form only. */
    PROXY_PROTOCOL("proxy-protocol", '\0', Arg.REQUIRED),
    /** Alibaba LVS's ipvsadm: add a FULLNAT local address (with -z). */
    ADD_LADDR("add-laddr", 'P', Arg.NONE),
    /** Alibaba LVS's ipvsadm: delete a FULLNAT local address (with -z). */
    DEL_LADDR("del-laddr", 'Q', Arg.NONE),
    /** Alibaba LVS's ipvsadm: list the FULLNAT local addresses. */
    GET_LADDR("get-laddr", 'G', Arg.NONE),
    /** Alibaba LVS's ipvsadm: the local address of -P and -Q. */
    LADDR("laddr", 'z', Arg.REQUIRED);

    /** Whether an option takes an argument. */
    enum Arg { NONE, REQUIRED, OPTIONAL }

    private static final PoptOption[] TABLE = values();

    private final String longName;
    private final char shortName;
    private final Arg arg;

    PoptOption(String longName, char shortName, Arg arg) {
        this.longName = longName;
        this.shortName = shortName;
        this.arg = arg;
    }

    String longName() {
        return longName;
    }

    Arg arg() {
        return arg;
    }

    /** The first option with this long name, as popt's table walk finds it. */
    static PoptOption byLongName(String name) {
        for (PoptOption option : TABLE) {
            if (option.longName.equals(name)) {
                return option;
            }
        }
        return null;
    }

    /** The first option with this short name. */
    static PoptOption byShortName(char name) {
        if (name == '\0') {
            return null;
        }
        for (PoptOption option : TABLE) {
            if (option.shortName == name) {
                return option;
            }
        }
        return null;
    }
}
