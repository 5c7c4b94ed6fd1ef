package io.jlvs.daemon.packet;

import io.jlvs.daemon.DaemonStartupException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Nft} by the nft command of the nftables package: {@code nft -f -}, the script on its
 * standard input, one transaction per call. A command prefix runs it elsewhere (tests:
 * {@code ip netns exec NS}).
 */
public final class NftCommand implements Nft {
    /** How long one script may take: a 100,000-element install takes about a second. */
    private static final long TIMEOUT_SECONDS = 60;

    /** Where nft lives when PATH lacks it (a non-root PATH often has no sbin). */
    static final List<String> SBIN = List.of("/usr/sbin", "/sbin");

    private final List<String> argv;

    /** Runs {@code nft -f -} through this command line (its last word is the nft binary). */
    public NftCommand(List<String> command) {
        argv = new ArrayList<>(command);
        argv.addAll(List.of("-f", "-"));
    }

    /** nft as found in PATH, /usr/sbin or /sbin, or a startup error naming the package. */
    public static NftCommand find() throws DaemonStartupException {
        return new NftCommand(List.of(locate(System.getenv("PATH"), SBIN).toString()));
    }

    /** Where nft is, looking in PATH and then in these other directories. */
    static Path locate(String path, List<String> otherDirectories) throws DaemonStartupException {
        Set<String> directories = new LinkedHashSet<>();
        if (path != null) {
            for (String directory : path.split(":")) {
                if (!directory.isEmpty()) {
                    directories.add(directory);
                }
            }
        }
        directories.addAll(otherDirectories);
        for (String directory : directories) {
            Path nft = Path.of(directory, "nft");
            if (Files.isRegularFile(nft) && Files.isExecutable(nft)) {
                return nft;
            }
        }
        throw new DaemonStartupException("packet mode needs the nft command of nftables, to keep the director's"
                + " own kernel from answering packets jlvsd handles; it is not in PATH, " + String.join(" or ", otherDirectories)
                + " (Debian and Ubuntu: apt-get install nftables)");
    }

    @Override
    public void apply(String script) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(
                () -> readAll(process.getInputStream()), task -> Thread.ofVirtual().start(task));
        try (OutputStream in = process.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nft stopped reading (it failed early): its output says why
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String said = new String(output.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " exited " + process.exitValue()
                        + (said.isEmpty() ? "" : ": " + said));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + String.join(" ", argv) + " ran", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(cannot read nft's output: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
