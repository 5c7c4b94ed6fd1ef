package io.jlvs.testkit.packet;

/** Readable names of ICMP and ICMPv6 messages for {@link FrameDescription}. */
final class IcmpNames {
    private IcmpNames() {
    }

    static boolean isError(boolean v6, int type) {
        return v6 ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    static String describe(boolean v6, int type, int code, byte[] bytes, int at) {
        int id = FrameDescription.u16(bytes, at + 4);
        int seq = FrameDescription.u16(bytes, at + 6);
        if (v6) {
            return switch (type) {
                case 1 -> "unreachable code " + code;
                case 2 -> "packet-too-big mtu " + (FrameDescription.u32(bytes, at + 4) & 0xFFFF_FFFFL);
                case 3 -> "time-exceeded code " + code;
                case 4 -> "parameter-problem pointer " + (FrameDescription.u32(bytes, at + 4) & 0xFFFF_FFFFL);
                case 128 -> "echo request id " + id + " seq " + seq;
                case 129 -> "echo reply id " + id + " seq " + seq;
                case 133 -> "router-solicitation";
                case 134 -> "router-advertisement";
                case 135 -> "neighbor-solicitation";
                case 136 -> "neighbor-advertisement";
                case 137 -> "redirect";
                default -> "type " + type + " code " + code;
            };
        }
        return switch (type) {
            case 0 -> "echo reply id " + id + " seq " + seq;
            case 8 -> "echo request id " + id + " seq " + seq;
            case 3 -> code == 4 ? "unreachable frag-needed mtu " + seq : "unreachable code " + code;
            case 4 -> "source-quench";
            case 5 -> "redirect code " + code;
            case 11 -> "time-exceeded code " + code;
            case 12 -> "parameter-problem pointer " + (bytes[at + 4] & 0xFF);
            default -> "type " + type + " code " + code;
        };
    }
}
