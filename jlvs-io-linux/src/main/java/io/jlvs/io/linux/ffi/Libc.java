package io.jlvs.io.linux.ffi;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library as the bindings see it: the native linker, libc's symbols and the C types of the
 * platform (LP64 Linux), as jextract's header class holds them. Looking a symbol up fails with
 * the symbol's name; {@link io.jlvs.io.linux.LinuxNative} probes all this once before any use.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup SYMBOLS = LINKER.defaultLookup();

    /** C {@code int}. */
    public static final ValueLayout.OfInt C_INT = (ValueLayout.OfInt) LINKER.canonicalLayouts().get("int");
    /** C {@code char} (signed or not, one byte). */
    public static final ValueLayout.OfByte C_CHAR = (ValueLayout.OfByte) LINKER.canonicalLayouts().get("char");
    /** C {@code short}. */
    public static final ValueLayout.OfShort C_SHORT = (ValueLayout.OfShort) LINKER.canonicalLayouts().get("short");
    /** C {@code long} (and {@code unsigned long}): 64 bits on the LP64 platforms jlvs supports. */
    public static final ValueLayout.OfLong C_LONG = (ValueLayout.OfLong) LINKER.canonicalLayouts().get("long");
    /** A C pointer. */
    public static final AddressLayout C_POINTER = (AddressLayout) LINKER.canonicalLayouts().get("void*");

    /** The layout that a call binding with {@link #downcallCapturingErrno} writes errno into. */
    public static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();

    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static {
        if (C_LONG.byteSize() != Long.BYTES || C_POINTER.byteSize() != Long.BYTES) {
            throw new UnsupportedOperationException("C long is " + C_LONG.byteSize() * 8 + " bits here: the bindings"
                    + " are written for LP64 (64-bit) Linux");
        }
    }

    private Libc() {
    }

    /** The address of a libc function. */
    public static MemorySegment symbol(String name) {
        return SYMBOLS.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /** A plain binding of a libc function. */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    /**
     * A binding of a libc function that reports failure in errno: the handle takes a segment of
     * {@link #CALL_STATE} first, where errno is saved right after the call (see {@link Errno}).
     */
    public static MethodHandle downcallCapturingErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }
}
