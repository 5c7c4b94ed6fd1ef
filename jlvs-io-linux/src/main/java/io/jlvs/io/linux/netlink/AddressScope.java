package io.jlvs.io.linux.netlink;

/**
 * An address's scope (rtnetlink's {@code rt_scope_t}): how far the address is valid, by the
 * kernel's number, named as {@code ip} names it.
 *
 * @param value the kernel's number, 0 to 255
 */
public record AddressScope(int value) {
    /** RT_SCOPE_UNIVERSE: valid everywhere ("global"). */
    public static final AddressScope GLOBAL = new AddressScope(0);
    /** RT_SCOPE_SITE. */
    public static final AddressScope SITE = new AddressScope(200);
    /** RT_SCOPE_LINK: valid on the link only. */
    public static final AddressScope LINK = new AddressScope(253);
    /** RT_SCOPE_HOST: valid inside this host only. */
    public static final AddressScope HOST = new AddressScope(254);
    /** RT_SCOPE_NOWHERE. */
    public static final AddressScope NOWHERE = new AddressScope(255);

    public AddressScope {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("an address scope is 0 to 255, not " + value);
        }
    }

    /** ip's name for the scope ("global", "host", ...), or its number. */
    @Override
    public String toString() {
        return switch (value) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(value);
        };
    }
}
