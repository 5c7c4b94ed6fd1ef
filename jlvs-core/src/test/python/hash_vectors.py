#!/usr/bin/env python3
"""Independent reference for the hash scheduler tests (HashSchedulerVectorsTest and friends).

Written from the kernel's C (include/linux/hash.h, lib/siphash.c, ip_vs_sh.c, ip_vs_mh.c), not
from our Java, using Python's unbounded integers masked to 32/64 bits. Run it to regenerate the
numbers quoted in the tests: python3 hash_vectors.py
"""
M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def hash_32(val, bits):
    return ((val * 0x61C88647) & M32) >> (32 - bits)


def rol(x, b):
    return ((x << b) | (x >> (64 - b))) & M64


def siphash(c, d, k0, k1, msg):
    v0 = 0x736f6d6570736575 ^ k0
    v1 = 0x646f72616e646f6d ^ k1
    v2 = 0x6c7967656e657261 ^ k0
    v3 = 0x7465646279746573 ^ k1

    def rnd():
        nonlocal v0, v1, v2, v3
        v0 = (v0 + v1) & M64; v1 = rol(v1, 13); v1 ^= v0; v0 = rol(v0, 32)
        v2 = (v2 + v3) & M64; v3 = rol(v3, 16); v3 ^= v2
        v0 = (v0 + v3) & M64; v3 = rol(v3, 21); v3 ^= v0
        v2 = (v2 + v1) & M64; v1 = rol(v1, 17); v1 ^= v2; v2 = rol(v2, 32)

    n = len(msg) // 8
    for i in range(n):
        m = int.from_bytes(msg[8 * i:8 * i + 8], 'little')
        v3 ^= m
        for _ in range(c):
            rnd()
        v0 ^= m
    b = (len(msg) << 56) | int.from_bytes(msg[8 * n:], 'little')
    v3 ^= b
    for _ in range(c):
        rnd()
    v0 ^= b
    v2 ^= 0xff
    for _ in range(d):
        rnd()
    return v0 ^ v1 ^ v2 ^ v3


def hsiphash_u32(key, v):
    # 64-bit kernel: SipHash-1-3 over the u32's 4 little-endian bytes, truncated to u32.
    return siphash(1, 3, key[0], key[1], (v & M32).to_bytes(4, 'little')) & M32


HASH1 = (2654435761, 2654435761)
HASH2 = (2654446892, 2654446892)
MH_SIZE = 4093
MH_BITS = 6


def ip(s):
    a = [int(x) for x in s.split('.')]
    return (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]


def sh_table(dests):
    """dests: list of (name, weight) in list order (newest first)."""
    table, p, cnt = [], 0, 0
    for _ in range(256):
        name, w = dests[p]
        table.append(name)
        cnt += 1
        if cnt >= w:
            p = (p + 1) % len(dests)
            cnt = 0
    return table


def sh_key(addr, port, offset):
    return (offset + hash_32((port + addr) & M32, 8)) & 255


def mh_table(dests):
    """dests: list of (name, addr, port, last_weight) in list order (newest first)."""
    from math import gcd
    g = 0
    for _, _, _, w in dests:
        if w > 0:
            g = gcd(w, g) if g > 0 else w
    mw = max(w for _, _, _, w in dests) // g
    rshift = max(mw.bit_length() - MH_BITS, 0)
    setup = []
    for name, a, port, lw in dests:
        off = hsiphash_u32(HASH1, (port + a) & M32) % MH_SIZE
        skip = hsiphash_u32(HASH2, (port + a) & M32) % (MH_SIZE - 1) + 1
        t = (lw // g) >> rshift
        setup.append([off, skip, t if t else (1 if lw else 0), name])
    table = [None] * MH_SIZE
    n = dt = 0
    while True:
        i = 0
        while i < len(setup):
            ds = setup[i]
            if ds[2] < 1:
                i += 1
                continue
            c = ds[0]
            while table[c] is not None:
                ds[0] = (ds[0] + ds[1]) % MH_SIZE
                c = ds[0]
            table[c] = ds[3]
            n += 1
            if n == MH_SIZE:
                return table
            dt += 1
            if dt >= ds[2]:
                dt = 0
                i += 1


def mh_slot(addr, port, offset=0):
    return hsiphash_u32(HASH1, (offset + port + addr) & M32) % MH_SIZE


if __name__ == '__main__':
    key = (0x0706050403020100, 0x0f0e0d0c0b0a0908)
    print('siphash24(0..7) =', hex(siphash(2, 4, *key, bytes(range(8)))))
    print('hsiphash(0..3)  =', hex(siphash(1, 3, *key, bytes(range(4))) & M32))
    print('hsiphash_u32(HASH1, 0x0A000001+80) =', hex(hsiphash_u32(HASH1, ip('10.0.0.1') + 80)))
    for a in ['192.168.1.10', '10.0.0.1', '10.0.0.2', '10.0.0.3', '172.16.0.7']:
        print('hash_32(%s, 8) = %d, (.., 10) = %d' % (a, hash_32(ip(a), 8), hash_32(ip(a), 10)))
    # IPv6 fold: 2001:db8::1 -> 0x20010db8 ^ 0 ^ 0 ^ 1
    print('dh bucket 2001:db8::1 =', hash_32(0x20010db8 ^ 1, 8))
    # sh: servers added .1 (w1), .2 (w2), .3 (w3) -> list order .3, .2, .1
    t = sh_table([('.3', 3), ('.2', 2), ('.1', 1)])
    print('sh table[0:12] =', t[:12])
    for c, port in [('172.16.0.7', 0), ('172.16.0.7', 5000), ('172.16.0.8', 0)]:
        print('sh key', c, port, '=', sh_key(ip(c), port, 0), '->', t[sh_key(ip(c), port, 0)])
    # mh: .1 w1, .2 w2, .3 w3, port 80 -> list .3, .2, .1
    dests = [('.3', ip('10.0.0.3'), 80, 3), ('.2', ip('10.0.0.2'), 80, 2), ('.1', ip('10.0.0.1'), 80, 1)]
    for name, a, port, _ in dests:
        print('mh', name, 'offset', hsiphash_u32(HASH1, a + port) % MH_SIZE,
              'skip', hsiphash_u32(HASH2, a + port) % (MH_SIZE - 1) + 1)
    mt = mh_table(dests)
    print('mh counts', {n: mt.count(n) for n in ('.3', '.2', '.1')})
    for c, port in [('172.16.0.7', 0), ('172.16.0.8', 0), ('172.16.0.9', 0), ('172.16.0.7', 5000)]:
        s = mh_slot(ip(c), port)
        print('mh slot', c, port, '=', s, '->', mt[s])
    # mh-fallback: .1 unavailable; client 172.16.0.7 hits slot 1249 (.1), then re-hashes with
    # roffset = (offset + ihash) % 4093 until a slot's server is available.
    c = ip('172.16.0.7')
    ihash = mh_slot(c, 0)
    for off in range(MH_SIZE):
        r = (off + ihash) % MH_SIZE
        s = mh_slot(c, 0, r)
        if mt[s] != '.1':
            print('mh fallback 172.16.0.7 -> offset', off, 'roffset', r, 'slot', s, '->', mt[s])
            break
    # gcd and shift: weights 1000 and 1 (mw 1000 -> fls 10 -> rshift 4 -> turns 62 and 1)
    big = mh_table([('.2', ip('10.0.0.2'), 80, 1000), ('.1', ip('10.0.0.1'), 80, 1)])
    print('mh counts 1000:1', {n: big.count(n) for n in ('.2', '.1')})
    small = mh_table([('.2', ip('10.0.0.2'), 80, 62), ('.1', ip('10.0.0.1'), 80, 1)])
    print('mh table 1000:1 == 62:1', big == small)
