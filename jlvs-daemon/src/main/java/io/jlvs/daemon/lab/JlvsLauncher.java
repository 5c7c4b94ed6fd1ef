package io.jlvs.daemon.lab;

import io.jlvs.daemon.Main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the lab runs this jlvs in another process (inside a namespace): the command line for its arguments. */
@FunctionalInterface
public interface JlvsLauncher {
    /** The argv that runs {@code jlvs args}. */
    List<String> command(List<String> args);

    /**
     * The JVM running now, with its class path and the options ./jlvs gives jlvs daemon (native
     * access for the packet I/O, Netty's direct buffers).
     */
    static JlvsLauncher thisJvm() {
        return of(System.getProperty("java.class.path"));
    }

    /** This JVM's java on classPath. */
    static JlvsLauncher of(String classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return args -> {
            List<String> argv = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "-Dio.netty.leakDetection.level=disabled",
                    "-cp", classPath, Main.class.getName()));
            argv.addAll(args);
            return argv;
        };
    }
}
