package io.jlvs.testkit.packet;

/**
 * A one-line, human summary of a frame for golden tables and their diffs, e.g.
 * {@code 02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.1:1234 > 10.0.0.2:80 TCP [S] seq 1 len 0 cksum ok}.
 * Written over byte arrays without jlvs-packet; never throws on malformed bytes, it says
 * "truncated ..." instead.
 */
public final class FrameDescription {
    private FrameDescription() {
    }

    /** Describes an Ethernet frame. */
    public static String describe(byte[] frame) {
        if (frame.length < 14) {
            return "truncated ethernet (" + frame.length + " bytes)";
        }
        StringBuilder out = new StringBuilder();
        out.append(Addresses.macText(frame, 6)).append(" > ").append(Addresses.macText(frame, 0));
        int at = 12;
        int type = u16(frame, at);
        while ((type == 0x8100 || type == 0x88A8) && at + 6 <= frame.length) {
            out.append(type == 0x88A8 ? " svlan " : " vlan ").append(u16(frame, at + 2) & 0x0FFF);
            at += 4;
            type = u16(frame, at);
        }
        at += 2;
        out.append(' ');
        switch (type) {
            case 0x0800, 0x86DD -> describeIp(frame, at, frame.length - at, out, true);
            case 0x0806 -> describeArp(frame, at, out);
            default -> out.append(String.format("ethertype 0x%04x", type));
        }
        return out.toString();
    }

    /** Describes a bare IP packet (no Ethernet header). */
    public static String describePacket(byte[] packet) {
        StringBuilder out = new StringBuilder();
        describeIp(packet, 0, packet.length, out, true);
        return out.toString();
    }

    private static void describeArp(byte[] frame, int at, StringBuilder out) {
        if (frame.length - at < 28) {
            out.append("truncated ARP");
            return;
        }
        String sender = Addresses.ipText(frame, at + 14, 4);
        String target = Addresses.ipText(frame, at + 24, 4);
        switch (u16(frame, at + 6)) {
            case 1 -> out.append("ARP who-has ").append(target).append(" tell ").append(sender);
            case 2 -> out.append("ARP ").append(sender).append(" is-at ").append(Addresses.macText(frame, at + 8));
            default -> out.append("ARP op ").append(u16(frame, at + 6));
        }
    }

    /** full: check lengths and checksums (false for a quoted packet, which is cut short). */
    private static void describeIp(byte[] bytes, int at, int available, StringBuilder out, boolean full) {
        if (available < 1) {
            out.append("truncated IP");
            return;
        }
        int version = (bytes[at] & 0xFF) >>> 4;
        if (version == 4) {
            describeIpv4(bytes, at, available, out, full);
        } else if (version == 6) {
            describeIpv6(bytes, at, available, out, full);
        } else {
            out.append("IP version ").append(version);
        }
    }

    private static void describeIpv4(byte[] bytes, int at, int available, StringBuilder out, boolean full) {
        int headerLength = (bytes[at] & 0x0F) * 4;
        if (available < 20 || headerLength < 20 || headerLength > available) {
            out.append("truncated IPv4");
            return;
        }
        int total = u16(bytes, at + 2);
        int length = full ? Math.min(total, available) : available;
        String source = Addresses.ipText(bytes, at + 12, 4);
        String destination = Addresses.ipText(bytes, at + 16, 4);
        int fragment = u16(bytes, at + 6);
        int offset = (fragment & 0x1FFF) * 8;
        boolean more = (fragment & 0x2000) != 0;
        boolean checksumOk = InternetChecksum.fold(InternetChecksum.sum(bytes, at, headerLength)) == 0xFFFF;
        Transport l4 = new Transport(bytes, at + headerLength, length - headerLength, bytes[at + 9] & 0xFF,
                InternetChecksum.pseudoHeaderSum(copy(bytes, at + 12, 4), copy(bytes, at + 16, 4), bytes[at + 9] & 0xFF,
                        length - headerLength), offset > 0, full, true);
        out.append("IPv4 ");
        l4.describe(source, destination, out);
        if (headerLength > 20) {
            out.append(" options ").append(headerLength - 20);
        }
        if (offset > 0 || more) {
            out.append(" frag ").append(u16(bytes, at + 4)).append(" off ").append(offset).append(more ? "+" : "");
        }
        if (full && total > available) {
            out.append(" total-length ").append(total).append(" beyond ").append(available);
        }
        if (!checksumOk && full) {
            out.append(" ip-cksum bad");
        }
    }

    private static void describeIpv6(byte[] bytes, int at, int available, StringBuilder out, boolean full) {
        if (available < 40) {
            out.append("truncated IPv6");
            return;
        }
        int end = full ? at + Math.min(40 + u16(bytes, at + 4), available) : at + available;
        int next = bytes[at + 6] & 0xFF;
        int position = at + 40;
        StringBuilder chain = new StringBuilder();
        int offset = 0;
        boolean more = false;
        boolean fragment = false;
        long fragmentId = 0;
        while (next == 0 || next == 43 || next == 44 || next == 60) {
            if (position + 8 > end) {
                out.append("IPv6 truncated extension header");
                return;
            }
            chain.append(chain.isEmpty() ? " ext " : ",").append(switch (next) {
                case 0 -> "hbh";
                case 43 -> "rt";
                case 44 -> "frag";
                default -> "dst";
            });
            int length = next == 44 ? 8 : ((bytes[position + 1] & 0xFF) + 1) * 8;
            if (next == 44) {
                fragment = true;
                offset = u16(bytes, position + 2) & 0xFFF8;
                more = (bytes[position + 3] & 1) != 0;
                fragmentId = u32(bytes, position + 4) & 0xFFFF_FFFFL;
            }
            next = bytes[position] & 0xFF;
            position += length;
        }
        if (position > end) {
            out.append("IPv6 truncated extension header");
            return;
        }
        String source = Addresses.ipText(bytes, at + 8, 16);
        String destination = Addresses.ipText(bytes, at + 24, 16);
        Transport l4 = new Transport(bytes, position, end - position, next,
                InternetChecksum.pseudoHeaderSum(copy(bytes, at + 8, 16), copy(bytes, at + 24, 16), next, end - position),
                offset > 0, full, false);
        out.append("IPv6 ");
        l4.describe("[" + source + "]", "[" + destination + "]", out);
        out.append(chain);
        if (fragment) {
            out.append(" frag ").append(fragmentId).append(" off ").append(offset).append(more ? "+" : "");
        }
    }

    /** The L4 part of a description. */
    private record Transport(byte[] bytes, int at, int length, int protocol, long pseudo, boolean laterFragment,
                             boolean full, boolean overIpv4) {

        void describe(String source, String destination, StringBuilder out) {
            boolean ports = !laterFragment && (protocol == 6 || protocol == 17) && length >= 4;
            if (ports) {
                out.append(source).append(':').append(u16(bytes, at)).append(" > ").append(destination).append(':')
                        .append(u16(bytes, at + 2));
            } else {
                out.append(source).append(" > ").append(destination);
            }
            out.append(' ');
            if (laterFragment) {
                out.append(name()).append(" fragment len ").append(length);
                return;
            }
            switch (protocol) {
                case 6 -> tcp(out);
                case 17 -> udp(out);
                case 1, 58 -> icmp(out);
                case 4, 41 -> {
                    out.append(protocol == 4 ? "IPIP (" : "IPv6-in-IP (");
                    describeIp(bytes, at, length, out, full);
                    out.append(')');
                }
                default -> out.append("proto ").append(protocol).append(" len ").append(length);
            }
        }

        private String name() {
            return switch (protocol) {
                case 6 -> "TCP";
                case 17 -> "UDP";
                case 1 -> "ICMP";
                case 58 -> "ICMPv6";
                default -> "proto " + protocol;
            };
        }

        private void tcp(StringBuilder out) {
            if (length < 20) {
                out.append("truncated TCP");
                return;
            }
            int headerLength = ((bytes[at + 12] & 0xFF) >>> 4) * 4;
            int flags = bytes[at + 13] & 0xFF;
            out.append("TCP [").append(tcpFlags(flags)).append("] seq ").append(u32(bytes, at + 4) & 0xFFFF_FFFFL);
            if ((flags & 0x10) != 0) {
                out.append(" ack ").append(u32(bytes, at + 8) & 0xFFFF_FFFFL);
            }
            out.append(" win ").append(u16(bytes, at + 14));
            if (headerLength > 20) {
                out.append(" options ").append(headerLength - 20);
            }
            out.append(" len ").append(Math.max(0, length - headerLength));
            checksum(out, false);
        }

        private void udp(StringBuilder out) {
            if (length < 8) {
                out.append("truncated UDP");
                return;
            }
            out.append("UDP len ").append(length - 8);
            checksum(out, overIpv4 && u16(bytes, at + 6) == 0);
        }

        private void icmp(StringBuilder out) {
            if (length < 8) {
                out.append("truncated ").append(name());
                return;
            }
            int type = bytes[at] & 0xFF;
            int code = bytes[at + 1] & 0xFF;
            out.append(name()).append(' ').append(IcmpNames.describe(protocol == 58, type, code, bytes, at));
            checksum(out, false);
            if (IcmpNames.isError(protocol == 58, type)) {
                out.append(" quoting (");
                describeIp(bytes, at + 8, length - 8, out, false);
                out.append(')');
            }
        }

        private void checksum(StringBuilder out, boolean none) {
            if (!full) {
                return;
            }
            if (none) {
                out.append(" cksum none");
                return;
            }
            long sum = InternetChecksum.sum(bytes, at, length) + (protocol == 1 ? 0 : pseudo);
            out.append(InternetChecksum.fold(sum) == 0xFFFF ? " cksum ok" : " cksum bad");
        }
    }

    private static String tcpFlags(int flags) {
        StringBuilder text = new StringBuilder();
        String letters = "FSRP.UEW";
        for (int bit = 0; bit < 8; bit++) {
            if ((flags & 1 << bit) != 0) {
                text.append(letters.charAt(bit));
            }
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    private static byte[] copy(byte[] bytes, int at, int length) {
        return java.util.Arrays.copyOfRange(bytes, at, at + length);
    }

    static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    static int u32(byte[] bytes, int at) {
        return u16(bytes, at) << 16 | u16(bytes, at + 2);
    }
}
