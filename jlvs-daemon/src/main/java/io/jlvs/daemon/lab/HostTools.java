package io.jlvs.daemon.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What jlvs lab needs from the machine: root, and the programs it runs, each named with its Debian package. */
final class HostTools {
    /** Program, and the Debian package that has it. */
    static final Map<String, String> PROGRAMS = programs();

    private HostTools() {
    }

    private static Map<String, String> programs() {
        Map<String, String> programs = new LinkedHashMap<>();
        programs.put("ip", "iproute2");
        programs.put("sysctl", "procps");
        return programs;
    }

    /** Where programs are looked for: PATH, then /usr/sbin and /sbin (which a user's PATH may lack). */
    static List<Path> searchPath(String path) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.addAll(List.of(Path.of("/usr/sbin"), Path.of("/sbin")));
        return dirs;
    }

    /** Why the lab cannot run here (no root, a program missing from dirs), or null when it can. */
    static String missing(boolean root, List<Path> dirs) {
        if (!root) {
            return "jlvs lab needs root: it creates network namespaces and starts jlvsd in packet mode"
                    + " (run it with sudo)";
        }
        List<String> programs = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        PROGRAMS.forEach((program, pkg) -> {
            if (dirs.stream().noneMatch(dir -> Files.isExecutable(dir.resolve(program)))) {
                programs.add(program + " (Debian package " + pkg + ")");
                packages.add(pkg);
            }
        });
        return programs.isEmpty() ? null : "jlvs lab needs " + String.join(" and ", programs)
                + ", which this machine lacks: apt-get install " + String.join(" ", packages);
    }
}
