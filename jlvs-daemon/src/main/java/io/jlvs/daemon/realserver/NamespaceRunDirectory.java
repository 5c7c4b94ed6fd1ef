package io.jlvs.daemon.realserver;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The run directory of this network namespace. {@code ip netns exec} shares /run between
 * namespaces, so real servers in two namespaces of one host would share one state file: outside
 * the host's namespace the files go to a directory named by the namespace's inode, netns-INODE
 * under the run directory; in the host's namespace they stay in the run directory itself.
 */
final class NamespaceRunDirectory {
    static final Path OWN_NAMESPACE = Path.of("/proc/self/ns/net");
    static final Path INIT_NAMESPACE = Path.of("/proc/1/ns/net");
    static final Path NAMED_NAMESPACES = Path.of("/run/netns");
    static final String PREFIX = "netns-";

    private NamespaceRunDirectory() {
    }

    /** The run directory under base for the network namespace of this process. */
    static Path of(Path base) throws IOException {
        return of(base, OWN_NAMESPACE, INIT_NAMESPACE, NAMED_NAMESPACES);
    }

    /**
     * The run directory under base for the namespace link own: base when it is init's namespace
     * (link init). When init's link cannot be read (a sandbox's PID 1), it is another namespace
     * when it is one of those ip netns names (their files in named, compared by inode as
     * {@code ip netns identify} does), else base.
     */
    static Path of(Path base, Path own, Path init, Path named) throws IOException {
        long namespace = inode(own);
        boolean another;
        try {
            another = namespace != inode(init);
        } catch (IOException unreadable) {
            another = isNamed(namespace, named);
        }
        return another ? base.resolve(PREFIX + namespace) : base;
    }

    /** Removes a namespace's directory once nothing is left in it (the base directory stays). */
    static void removeIfEmpty(Path base, Path directory) throws IOException {
        if (directory.equals(base)) {
            return;
        }
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException stillUsed) {
            // a state, PID or log file is left: the directory stays with it
        }
    }

    /** The inode in a namespace link's text, "net:[4026531840]". */
    private static long inode(Path link) throws IOException {
        String text = Files.readSymbolicLink(link).toString();
        if (!text.startsWith("net:[") || !text.endsWith("]")) {
            throw new IOException(link + " is not a network namespace (" + text + ")");
        }
        return Long.parseLong(text.substring("net:[".length(), text.length() - 1));
    }

    private static boolean isNamed(long namespace, Path named) throws IOException {
        if (!Files.isDirectory(named)) {
            return false;
        }
        try (Stream<Path> files = Files.list(named)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getAttribute(file, "unix:ino") instanceof Long inode && inode == namespace) {
                    return true;
                }
            }
        }
        return false;
    }
}
