package io.jlvs.core.sched;

/**
 * The two hsiphash keys of the mh scheduler: hash1 places a server's permutation (offset) and looks
 * up flows, hash2 gives the permutation's skip.
 *
 * <p>The kernel does not draw them at random: ip_vs_mh.c generate_hash_secret() sets both words of
 * hash1 to 2654435761 and both words of hash2 to 2654446892 on every boot, so two directors with
 * the same servers build the same table. {@link #KERNEL} is that pair; other keys can be injected to
 * decorrelate a deployment from others (at the cost of differing from a kernel director).
 */
public record MaglevHashKeys(long hash1Key0, long hash1Key1, long hash2Key0, long hash2Key1) {

    /** The kernel's fixed keys (key[0] = key[1], as unsigned longs on a 64-bit kernel). */
    public static final MaglevHashKeys KERNEL = new MaglevHashKeys(2654435761L, 2654435761L,
            2654446892L, 2654446892L);
}
