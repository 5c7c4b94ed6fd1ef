package io.jlvs.cli.ipvsadm;

import io.jlvs.core.model.Protocol;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Host names through the JDK's resolver (the system's), service names from /etc/services. */
public final class SystemNameResolver implements NameResolver {

    private final Path servicesPath;
    private ServicesFile services;

    /** A resolver reading the given services file (normally /etc/services) on first use. */
    public SystemNameResolver(Path servicesPath) {
        this.servicesPath = servicesPath;
    }

    /** The resolver ipvsadm's libc would give: the system's hosts and /etc/services. */
    public static SystemNameResolver standard() {
        return new SystemNameResolver(Path.of("/etc/services"));
    }

    @Override
    public Optional<Inet4Address> hostAddress(String name) {
        try {
            for (InetAddress address : InetAddress.getAllByName(name)) {
                if (address instanceof Inet4Address v4) {
                    return Optional.of(v4);
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> hostName(InetAddress address) {
        String literal = address.getHostAddress();
        String name = address.getCanonicalHostName();
        return name.equals(literal) ? Optional.empty() : Optional.of(name);
    }

    @Override
    public OptionalInt servicePort(String name, Protocol protocol) {
        return services().port(name, protocol);
    }

    @Override
    public Optional<String> serviceName(int port, Protocol protocol) {
        return services().name(port, protocol);
    }

    private synchronized ServicesFile services() {
        if (services == null) {
            try (var reader = new InputStreamReader(Files.newInputStream(servicesPath), StandardCharsets.ISO_8859_1)) {
                services = ServicesFile.read(reader);
            } catch (IOException e) {
                // No services database: every port prints as a number, as with an empty file.
                services = ServicesFile.of(List.of());
            }
        }
        return services;
    }
}
