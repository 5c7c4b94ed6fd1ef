package io.jlvs.cli.ipvsadm;

import io.jlvs.core.model.Protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The services(5) database (/etc/services): "name port/protocol aliases... # comment". Lookups by
 * name match the official name and the aliases; lookups by port return the first official name,
 * as glibc's files backend does.
 */
public final class ServicesFile {

    private final Map<String, Integer> portsByName = new HashMap<>();
    private final Map<String, String> namesByPort = new HashMap<>();

    private ServicesFile() {
    }

    /** Reads a services file; lines it cannot understand are skipped. */
    public static ServicesFile read(Reader reader) throws IOException {
        ServicesFile file = new ServicesFile();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            while ((line = lines.readLine()) != null) {
                file.add(line);
            }
        }
        return file;
    }

    /** A services file from its lines (for tests). */
    public static ServicesFile of(List<String> lines) {
        ServicesFile file = new ServicesFile();
        lines.forEach(file::add);
        return file;
    }

    private void add(String line) {
        int hash = line.indexOf('#');
        String content = hash >= 0 ? line.substring(0, hash) : line;
        String[] fields = content.trim().split("[ \t]+");
        if (fields.length < 2 || fields[0].isEmpty()) {
            return;
        }
        int slash = fields[1].indexOf('/');
        if (slash <= 0) {
            return;
        }
        int port;
        try {
            port = Integer.parseInt(fields[1].substring(0, slash));
        } catch (NumberFormatException e) {
            return;
        }
        if (port < 0 || port > 0xFFFF) {
            return;
        }
        String protocol = fields[1].substring(slash + 1).toLowerCase(Locale.ROOT);
        namesByPort.putIfAbsent(port + "/" + protocol, fields[0]);
        for (int i = 0; i < fields.length; i++) {
            if (i != 1) {
                portsByName.putIfAbsent(fields[i] + "/" + protocol, port);
            }
        }
    }

    /** getservbyname(name, protocol). */
    public OptionalInt port(String name, Protocol protocol) {
        Integer port = portsByName.get(name + "/" + key(protocol));
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** getservbyport(port, protocol). */
    public Optional<String> name(int port, Protocol protocol) {
        return Optional.ofNullable(namesByPort.get(port + "/" + key(protocol)));
    }

    private static String key(Protocol protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }
}
