package io.jlvs.control.api;

import io.jlvs.core.model.ServiceKey;

import java.util.List;
import java.util.Objects;

/** One service's FULLNAT local addresses as ipvsadm -G lists them, in the order they were added. */
public record ServiceLocalAddresses(ServiceKey key, List<LocalAddressStatus> addresses) {
    public ServiceLocalAddresses {
        Objects.requireNonNull(key, "key");
        addresses = List.copyOf(addresses);
    }
}
