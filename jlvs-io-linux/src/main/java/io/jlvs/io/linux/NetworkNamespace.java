package io.jlvs.io.linux;

import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.Setns;
import io.jlvs.io.linux.ffi.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A named network namespace as {@code ip netns} makes it (/run/netns/NAME), entered with
 * setns(2). setns moves only the calling thread, so {@link #call} runs a task on a new platform
 * thread that enters the namespace and ends with the task: sockets it opens stay in that
 * namespace for their whole life, whichever thread uses them later. {@link #enterCurrentThread}
 * moves the calling platform thread for good (a thread dedicated to one namespace).
 */
public final class NetworkNamespace {
    /** Where iproute2 keeps the namespaces it names. */
    public static final Path DIRECTORY = Path.of("/run/netns");

    private NetworkNamespace() {
    }

    /**
     * Runs the task on a new platform thread inside the namespace and returns what it returns, or
     * throws what it throws (an Error included).
     */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        Path file = file(name);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns-" + name).unstarted(() -> {
            try {
                enter(file);
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        switch (failure.get()) {
            case null -> { }
            case Exception e -> throw e;
            case Error e -> throw e;
            case Throwable e -> throw new IllegalStateException("the task threw a bare Throwable", e);
        }
        return result.get();
    }

    /** Moves the calling platform thread into the namespace (a virtual thread cannot own one). */
    public static void enterCurrentThread(String name) throws SystemCallException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("a virtual thread cannot enter network namespace " + name
                    + ": setns moves its carrier thread");
        }
        enter(file(name));
    }

    private static Path file(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a network namespace name: '" + name + "'");
        }
        Path file = DIRECTORY.resolve(name);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no network namespace " + name + " (no " + file + ")");
        }
        return file;
    }

    private static void enter(Path file) throws SystemCallException {
        LinuxNative.ensureAvailability();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(arena);
            int fd = Setns.open(state, arena.allocateFrom(file.toString()), Setns.O_RDONLY | Setns.O_CLOEXEC);
            if (fd < 0) {
                throw new SystemCallException("open(" + file + ")", Errno.get(state));
            }
            try {
                if (Setns.setns(state, fd, Setns.CLONE_NEWNET) != 0) {
                    throw new SystemCallException("setns(" + file + ", CLONE_NEWNET)", Errno.get(state));
                }
            } finally {
                SocketCalls.close(state, fd);
            }
        }
    }
}
