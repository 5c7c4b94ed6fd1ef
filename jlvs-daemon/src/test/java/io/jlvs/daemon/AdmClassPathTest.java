package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.json.WireCodec;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * jlvs adm runs on the four modules the launcher puts on its class path (jlvs-daemon, jlvs-cli,
 * jlvs-control, jlvs-core: no Jackson, picocli, SLF4J or Netty), and so does the training run that
 * makes its AOT cache. A dependency that creeps onto the client path fails here with
 * NoClassDefFoundError instead of in a user's shell loop.
 */
class AdmClassPathTest {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void theTrainingRunAndAListingWorkOnTheLaunchersFourModules() throws Exception {
        Path socket = dir.resolve("jlvsd.sock");
        try (Jlvsd daemon = Jlvsd.start(socket, dir.resolve("state"))) {
            Result training = run(socket, "io.jlvs.daemon.AdmTraining");
            assertEquals(0, training.status(), training.output());

            Result listing = run(socket, "io.jlvs.daemon.Main", "adm", "-Ln");
            assertEquals(0, listing.status(), listing.output());
            assertTrue(listing.output().contains("TCP  192.0.2.1:80 wlc\n"), listing.output());
            assertTrue(listing.output().contains("  -> 192.0.2.10:80                Masq    3      0          0"),
                    listing.output());
            assertEquals(2, daemon.manager().table().services().size(), listing.output());
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(Path socket, String mainClass, String... args)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", admClassPath(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JLVS_SOCKET", socket.toString());
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("jlvs adm did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** Where the classes of the four modules are, as the launcher's ADM_CP lists their jars. */
    private static String admClassPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(Main.class, Ipvsadm.class, WireCodec.class, ServiceKey.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
