package io.jlvs.cli.ipvsadm;

/** The option columns of ipvsadm's command/option table, in its order, with the names its messages use. */
enum OptionColumn {
    NUMERIC("numeric"),
    CONNECTION("connection"),
    SERVICE("service-address"),
    SCHEDULER("scheduler"),
    PERSISTENT("persistent"),
    NETMASK("netmask"),
    SERVER("real-server"),
    FORWARD("forwarding-method"),
    WEIGHT("weight"),
    U_THRESHOLD("u-threshold"),
    L_THRESHOLD("l-threshold"),
    MCAST("mcast-interface"),
    TIMEOUT("timeout"),
    DAEMON("daemon"),
    STATS("stats"),
    RATE("rate"),
    THRESHOLDS("thresholds"),
    PERSISTENT_CONN("persistent-conn"),
    NOSORT("nosort"),
    SYNCID("syncid"),
    EXACT("exact"),
    ONEPACKET("ops"),
    PERSISTENCE_ENGINE("pe"),
    SCHED_FLAGS("sched-flags"),
    MCAST_GROUP("mcast-group"),
    MCAST_PORT("mcast-port"),
    MCAST_TTL("mcast-ttl"),
    SYNC_MAXLEN("sync-maxlen"),
    TUN_INFO("tun-info"),
    TUN_TYPE("tun-type"),
    TUN_PORT("tun-port"),
    TUN_NOCSUM("tun-nocsum"),
    TUN_CSUM("tun-csum"),
    TUN_REMCSUM("tun-remcsum"),
    /** jlvs extension, after ipvsadm's columns so theirs keep their order. */
    PROXY_PROTOCOL("proxy-protocol"),
    /** Alibaba LVS's column (-z), with its name from Alibaba's ipvsadm. */
    LOCAL_ADDRESS("local-address");

    private final String text;

    OptionColumn(String text) {
        this.text = text;
    }

    /** The name in ipvsadm's messages. */
    String text() {
        return text;
    }
}
