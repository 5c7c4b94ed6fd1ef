package io.jlvs.daemon.realserver;

import java.util.Set;

/**
 * A kernel setting under /proc/sys that must hold one of the accepted values; start writes wanted
 * when it holds another.
 *
 * @param key the setting's path under /proc/sys ("net/ipv4/conf/all/arp_ignore")
 * @param wanted the value start writes
 * @param accepted the values that do the job (wanted among them)
 * @param whyItMatters what goes wrong without it, after "VALUE on DEVICE: "
 */
record SysctlSetting(String key, String wanted, Set<String> accepted, String whyItMatters) implements Requirement {
    /** The name sysctl(8) shows: net.ipv4.conf.all.arp_ignore. */
    String name() {
        return key.replace('/', '.');
    }

    /** The last part of the key: arp_ignore. */
    String setting() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The device part of a net/ipv4/conf/DEVICE/... key: all, lo, tunl0. */
    String device() {
        String[] parts = key.split("/");
        return parts.length >= 5 ? parts[parts.length - 2] : key;
    }
}
