package io.jlvs.control.json;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.EngineCounter;
import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every request and reply record survives a trip through one line of JSON. */
class WireCodecTest {
    private static final ServiceKey WEB = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
    private static final ServiceKey MARK6 = new ServiceKey.Mark(AddressFamily.INET6, 7);
    private static final ServiceSpec WEB_SPEC = new ServiceSpec(WEB, "wlc", ServiceFlags.PERSISTENT | ServiceFlags.SCHED1,
            300, 0xFFFFFF00, "sip");
    private static final DestinationSpec REAL = DestinationSpec.of(ip("192.168.1.1"), 8080, ForwardMethod.MASQ, 3);
    private static final DestinationSpec GUE = new DestinationSpec(ip("2001:db8::2"), 80, ForwardMethod.TUNNEL, 65535,
            100, 75, TunnelType.GUE, 6080, TunnelFlags.CSUM | TunnelFlags.REMCSUM);
    private static final String GUE_JSON = "{\"address\":\"2001:db8::2\",\"port\":80,\"method\":\"TUNNEL\","
            + "\"weight\":65535,\"upperThreshold\":100,\"lowerThreshold\":75,\"tunnelType\":\"GUE\",\"tunnelPort\":6080,"
            + "\"tunnelFlags\":3}";
    private static final SyncDaemonSpec MASTER = new SyncDaemonSpec(SyncDaemonSpec.State.MASTER, "eth0", 9, 1472,
            "224.0.0.81", 8848, 1);

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    static Stream<Request> requests() {
        return Stream.of(
                new Command.AddService(WEB_SPEC),
                new Command.AddService(new ServiceSpec(MARK6, "none", 0, 0, 64, "")),
                new Command.EditService(WEB_SPEC.withScheduler("rr")),
                new Command.EditService(WEB_SPEC.withProxyProtocol(ProxyProtocol.V1)),
                new Command.DelService(MARK6),
                new Command.Flush(),
                new Command.AddDest(WEB, REAL),
                new Command.EditDest(WEB, GUE),
                new Command.DelDest(MARK6, ip("2001:db8::2"), 0),
                new Command.Zero(null),
                new Command.Zero(WEB),
                new Command.SetTimeouts(new Timeouts(0, 30, 60)),
                new Command.StartDaemon(MASTER),
                new Command.StopDaemon(SyncDaemonSpec.State.BACKUP),
                new Command.AddLocalAddress(WEB, ip("192.168.0.10")),
                new Command.DelLocalAddress(MARK6, ip("2001:db8::a")),
                new Command.Batch(List.of(new Command.Flush(), new Command.AddService(WEB_SPEC),
                        new Command.Batch(List.of(new Command.AddDest(WEB, REAL))))),
                new Query.GetServices(null),
                new Query.GetServices(WEB),
                new Query.GetLocalAddresses(null),
                new Query.GetLocalAddresses(MARK6),
                new Query.GetConnections(),
                new Query.GetTimeouts(),
                new Query.GetDaemons(),
                new Query.GetDataPlane(),
                new Query.GetEngineCounters(),
                new Query.GetListing(null, 0x1FF),
                new Query.GetListing(WEB, 1),
                new Query.ClaimProxyNotice());
    }

    static Stream<Reply> replies() {
        TrafficStats stats = new TrafficStats(1L << 40, 2, 3, 4, 5);
        TrafficRates rates = new TrafficRates(6, 7, 8, 9, 10);
        return Stream.of(
                new Reply.Ok(),
                new Reply.Failure(IpvsError.SERVICE_NOT_DEFINED, 3),
                Reply.Failure.jlvs("cannot listen on TCP 127.0.0.1:80: Permission denied", 2),
                new Reply.Services(4096, List.of(new ServiceStatus(WEB_SPEC, stats, rates,
                        List.of(new DestinationStatus(REAL, 1, 2, 3, stats, rates),
                                new DestinationStatus(GUE, 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO))))),
                new Reply.Connections(List.of(new ConnectionEntry("TCP", 899_000, "ESTABLISHED", ip("10.9.9.9"), 40000,
                        ip("10.0.0.1"), 80, ip("192.168.1.1"), 8080, "", ""))),
                new Reply.LocalAddresses(List.of(new ServiceLocalAddresses(WEB, List.of(
                        new LocalAddressStatus(ip("192.168.0.10"), 1L << 40, 3),
                        new LocalAddressStatus(ip("192.168.0.11"), 0, 0))),
                        new ServiceLocalAddresses(MARK6, List.of()))),
                new Reply.CurrentTimeouts(Timeouts.DEFAULT),
                new Reply.Daemons(List.of(MASTER)),
                new Reply.DataPlane("proxy"),
                new Reply.EngineCounters("packet", List.of(new EngineCounter("frames received", 12),
                        new EngineCounter("dropped: no_service", Long.MAX_VALUE))),
                new Reply.ProxyNotice(true),
                new Reply.Listing("IP Virtual Server version 1.2.1 (size=4096)\n\"quoted\" \\ \u00e9\t\n"),
                new Reply.Listing(""));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void aRequestSurvivesTheTrip(Request request) {
        String line = WireCodec.encode(request);

        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("\"type\":\"" + request.getClass().getSimpleName() + "\""), line);
        assertEquals(request, WireCodec.decodeRequest(line));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void aReplySurvivesTheTrip(Reply reply) throws JlvsdErrorException {
        String line = WireCodec.encode(reply);

        assertFalse(line.contains("\n"), line);
        assertEquals(reply, WireCodec.decodeReply(line));
    }

    @Test
    void aFailureWrittenBeforeTheDetailFieldReadsWithLibipvssText() throws JlvsdErrorException {
        Reply reply = WireCodec.decodeReply("{\"type\":\"Failure\",\"error\":\"NO_SUCH_SERVICE\",\"index\":0}");

        assertEquals(new Reply.Failure(IpvsError.NO_SUCH_SERVICE, 0), reply);
        assertEquals("No such service", ((Reply.Failure) reply).message());
    }

    @Test
    void everyRecordTypeHasASampleAbove() {
        Set<Class<?>> sampled = new HashSet<>();
        requests().forEach(r -> sampled.add(r.getClass()));
        replies().forEach(r -> sampled.add(r.getClass()));
        Set<Class<?>> all = new HashSet<>();
        collect(Request.class, all);
        collect(Reply.class, all);

        assertEquals(all, sampled);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (type.isRecord()) {
            into.add(type);
        }
        if (type.getPermittedSubclasses() != null) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, into);
            }
        }
    }

    @Test
    void anAddressIsWrittenAsItsNumericLiteralEvenWhenItCarriesAHostName() throws UnknownHostException {
        InetAddress named = InetAddress.getByAddress("real1.example", new byte[]{(byte) 192, (byte) 168, 1, 7});
        String line = WireCodec.encode(new Command.DelDest(WEB, named, 80));

        assertTrue(line.contains("\"address\":\"192.168.1.7\""), line);
        assertFalse(line.contains("example"), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"type\":\"Reboot\"}",
            "{\"type\":\"DelDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"localhost\",\"port\":80},\"address\":\"10.0.0.2\",\"port\":80}",
            "{\"type\":\"SetTimeouts\",\"timeouts\":{\"tcp\":-1,\"tcpFin\":0,\"udp\":0}}",
            "{\"type\":\"Flush\",\"extra\":1}",
            "{\"type\":\"Flush\"} {\"type\":\"Flush\"}",
            "{\"type\":\"Ok\"}",
            "{\"type\":\"Batch\"}",
            "{\"type\":\"Batch\",\"packed\":\"AAAA\"}",
            "{\"type\":\"Batch\",\"packed\":\"not base64!\"}",
            "{\"type\":\"Batch\",\"packed\":42}",
            "{\"type\":\"Batch\",\"packed\":\"BA==\"}",
            "{\"type\":\"Batch\",\"commands\":[],\"packed\":\"DAAAAAA=\"}",
            "{\"type\":\"Batch\",\"commands\":[],\"extra\":1}",
            "[]",
            "{\"type\":\"Flush\",\"type\":\"Flush\"}",
            "{\"type\":\"GetServices\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\"}}",
            "{\"type\":\"GetServices\",\"key\":{\"type\":\"Mark\",\"family\":\"INET\",\"mark\":1.5}}",
            "{\"type\":\"GetServices\",\"key\":{\"type\":\"Mark\",\"family\":\"INET\",\"mark\":4294967296}}",
            "{\"type\":\"Batch\",\"commands\":[{\"type\":\"GetTimeouts\"}]}",
            "{\"type\":\"Batch\",\"commands\":[null]}",
            "{\"type\":\"DataPlane\",\"name\":\"unterminated}",
            "{\"type\":\"AddService\"}",
            "{\"type\":\"EditService\",\"service\":null}",
            "{\"type\":\"DelService\"}",
            "{\"type\":\"AddDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80}}",
            "{\"type\":\"EditDest\",\"destination\":{\"address\":\"10.0.0.2\",\"port\":80,\"method\":\"MASQ\",\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnelType\":\"IPIP\",\"tunnelPort\":0,\"tunnelFlags\":0}}",
            "{\"type\":\"AddDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80},\"destination\":{\"address\":\"10.0.0.2\",\"port\":65536,\"method\":\"MASQ\",\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnelType\":\"IPIP\",\"tunnelPort\":0,\"tunnelFlags\":0}}",
            "{\"type\":\"AddDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80},\"destination\":{\"address\":\"10.0.0.2\",\"port\":-1,\"method\":\"MASQ\",\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnelType\":\"IPIP\",\"tunnelPort\":0,\"tunnelFlags\":0}}",
            "{\"type\":\"AddDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80},\"destination\":{\"address\":\"10.0.0.2\",\"port\":80,\"method\":\"TUNNEL\",\"weight\":1,\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnelType\":\"GUE\",\"tunnelPort\":-3,\"tunnelFlags\":0}}",
            "{\"type\":\"DelDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80},\"port\":80}",
            "{\"type\":\"DelDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80},\"address\":\"10.0.0.2\",\"port\":70000}",
            "{\"type\":\"DelDest\",\"address\":\"10.0.0.2\",\"port\":80}",
            "{\"type\":\"SetTimeouts\"}",
            "{\"type\":\"StartDaemon\",\"daemon\":null}",
            "{\"type\":\"StopDaemon\"}",
            "{\"type\":\"DelService\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80.5}}",
            "{\"type\":\"DelService\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":\"80\"}}"})
    void aLineThatIsNotARequestIsRefusedWithAReason(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireCodec.decodeRequest(line));
        assertTrue(e.getMessage().startsWith("not a jlvs request: "), e.getMessage());
        IllegalArgumentException fromBytes = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.decodeRequest(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8))));
        assertEquals(e.getMessage(), fromBytes.getMessage());
    }

    @Test
    void aPackedBatchReadFromBytesEqualsTheOneReadFromTextEvenWithEscapesInItsBase64() {
        Command.Batch batch = new Command.Batch(java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> (Command) new Command.AddDest(WEB, DestinationSpec.of(ip("192.168.1." + (i % 250 + 1)),
                        1000 + 37 * i, ForwardMethod.MASQ, i % 7))).toList());
        String line = WireCodec.encode(batch);
        String escaped = line.substring(0, line.indexOf("\"packed\":\"") + 10)
                + line.substring(line.indexOf("\"packed\":\"") + 10).replace("/", "\\/").replace("+", "\\u002b");
        assertNotEquals(line, escaped, "the base64 should hold a slash or a plus, which JSON may escape");

        for (String form : List.of(line, escaped)) {
            Request fromBytes = WireCodec.decodeRequest(new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8)));
            assertEquals(batch, fromBytes, form.equals(line) ? "as written" : "with escapes");
            assertEquals(batch, WireCodec.decodeRequest(form));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "192.168.1.7", "10.0.0.1", "2001:db8::7", "::ffff:10.0.0.1"})
    void anAddressLiteralReadsAsInetAddressReadsIt(String literal) {
        Request decoded = WireCodec.decodeRequest(delDest(literal));

        assertEquals(new Command.DelDest(WEB, ip(literal), 80), decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "1..2.3", "1.2.3.", "a.b.c.d", "10.0.0.1 ", "-1.0.0.0"})
    void aStringThatIsNoAddressIsRefused(String literal) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.decodeRequest(delDest(literal)));
        assertTrue(e.getMessage().contains("not a numeric IPv4 or IPv6 address"), e.getMessage());
    }

    private static String delDest(String address) {
        return "{\"type\":\"DelDest\",\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\","
                + "\"port\":80},\"address\":\"" + address + "\",\"port\":80}";
    }

    @Test
    void aLineNestedDeeperThanAnyRequestIsRefusedNotAStackOverflow() {
        String line = "[".repeat(100_000) + "]".repeat(100_000);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireCodec.decodeRequest(line));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void escapedStringsSurviveTheTrip() throws JlvsdErrorException {
        Reply reply = new Reply.DataPlane("quote \" backslash \\ tab \t nul \u0000 é \uD83D\uDE00");

        assertEquals(reply, WireCodec.decodeReply(WireCodec.encode(reply)));
        assertEquals(new Reply.DataPlane("A\u00e9/"), WireCodec.decodeReply("{\"type\":\"DataPlane\",\"name\":\"\\u0041\u00e9\\/\"}"));
    }

    /**
     * The hand-written codec writes each record as the Jackson mapping of the state file does
     * (same names, same nesting, same "type" tags), except that stats and rates are arrays of
     * their five counters and that the optional properties are left out at their defaults.
     */
    @ParameterizedTest
    @MethodSource("requests")
    void aRequestHasTheShapeOfTheStateFilesMapping(Request request) throws Exception {
        assertEquals(jacksonShape(JlvsJson.mapper().writerFor(Request.class).writeValueAsString(request)),
                JlvsJson.mapper().readTree(WireCodec.encode(request)));
    }

    /** The replies that travel field for field: all but the listings, which travel packed. */
    static Stream<Reply> fieldForFieldReplies() {
        return replies().filter(reply -> !(reply instanceof Reply.Services) && !(reply instanceof Reply.Listing));
    }

    @ParameterizedTest
    @MethodSource("fieldForFieldReplies")
    void aReplyHasTheShapeOfTheStateFilesMapping(Reply reply) throws Exception {
        assertEquals(jacksonShape(JlvsJson.mapper().writerFor(Reply.class).writeValueAsString(reply)),
                JlvsJson.mapper().readTree(WireCodec.encode(reply)));
    }

    /**
     * Jackson's tree of a value, with every "stats" and "rates" object turned into an array of its
     * values, and every optional property at its default removed.
     */
    private static JsonNode jacksonShape(String json) throws Exception {
        JsonNode tree = JlvsJson.mapper().readTree(json);
        compact(tree);
        return tree;
    }

    private static void compact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.of("stats", "rates")) {
                if (object.get(name) instanceof ObjectNode counters) {
                    ArrayNode values = object.putArray(name);
                    counters.elements().forEachRemaining(values::add);
                }
            }
            for (String optional : ModelFormat.OPTIONAL) {
                String[] nameAndDefault = optional.split("=");
                JsonNode value = object.get(nameAndDefault[0]);
                boolean atDefault = value != null && (nameAndDefault.length == 2
                        ? value.asText().equals(nameAndDefault[1])
                        : value.isArray() ? value.toString().equals("[0,0,0,0,0]")
                        : value.isTextual() ? value.asText().isEmpty() : value.isNumber() && value.asLong() == 0);
                if (atDefault) {
                    object.remove(nameAndDefault[0]);
                }
            }
        }
        node.elements().forEachRemaining(WireCodecTest::compact);
    }

    @Test
    void aListingTravelsPackedAsOneBase64String() {
        String line = WireCodec.encode(new Reply.Services(4096, List.of()));

        assertTrue(line.matches("\\{\"type\":\"Services\",\"packed\":\"[A-Za-z0-9+/=]+\"}"), line);
    }

    @Test
    void aPackedListingWithItsPropertiesInAnotherOrderReadsAsWell() throws JlvsdErrorException {
        Reply.Services listing = (Reply.Services) replies().filter(r -> r instanceof Reply.Services).findFirst().orElseThrow();
        String packed = WireCodec.encode(listing).replaceFirst("^\\{\"type\":\"Services\",(\"packed\":\"[^\"]*\")}$", "$1");

        assertEquals(listing, WireCodec.decodeReply("{" + packed + ",\"type\":\"Services\"}"));
    }

    @Test
    void aPackedListingWithAnEscapeInItsBase64ReadsAsJsonSaysItMeans() throws JlvsdErrorException {
        assertEquals(new Reply.Services(4096, List.of()),
                WireCodec.decodeReply("{\"type\":\"Services\",\"packed\":\"gC\\u0041A\"}"));
    }

    @Test
    void aListingFieldForFieldAsAnOlderJlvsdWroteItStillReadsWithItsDefaults() throws JlvsdErrorException {
        DestinationStatus idle = new DestinationStatus(REAL, 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO);
        DestinationStatus busy = new DestinationStatus(GUE, 1, 2, 3, new TrafficStats(1, 2, 3, 4, 5),
                new TrafficRates(6, 7, 8, 9, 10));
        Reply expected = new Reply.Services(4096, List.of(new ServiceStatus(new ServiceSpec(WEB, "rr", 0, 0, -1, ""),
                TrafficStats.ZERO, TrafficRates.ZERO, List.of(idle, busy))));

        Reply reply = WireCodec.decodeReply("{\"type\":\"Services\",\"connectionTableSize\":4096,\"services\":[{\"spec\":"
                + "{\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\",\"address\":\"10.0.0.1\",\"port\":80},"
                + "\"scheduler\":\"rr\",\"netmask\":-1},\"destinations\":[{\"spec\":{\"address\":\"192.168.1.1\","
                + "\"port\":8080,\"method\":\"MASQ\",\"weight\":3}},{\"spec\":" + GUE_JSON + ",\"activeConns\":1,"
                + "\"inactConns\":2,\"persistConns\":3,\"stats\":[1,2,3,4,5],\"rates\":[6,7,8,9,10]}]}]}");

        assertEquals(expected, reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"Services\",\"packed\":\"AAAA\"}", "{\"type\":\"Services\",\"packed\":\"not base64!\"}",
            "{\"type\":\"Services\",\"packed\":\"gCAA\",\"extra\":1}", "{\"type\":\"Services\",\"packed\":\"gCAA\",\"extra\":\"1\"}"})
    void aPackedListingThatDoesNotReadIsNoReply(String line) {
        JlvsdErrorException e = assertThrows(JlvsdErrorException.class, () -> WireCodec.decodeReply(line));
        assertTrue(e.getMessage().startsWith("jlvsd sent a line that is not a reply: "), e.getMessage());
    }

    @Test
    void aListingOfAThousandServicesStaysSmall() {
        List<ServiceStatus> services = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ServiceKey key = new ServiceKey.Address(Protocol.TCP, ip("10.1." + i / 256 + "." + i % 256), 80);
            services.add(new ServiceStatus(new ServiceSpec(key, "wlc", 0, 0, 0xFFFFFFFF, ""), TrafficStats.ZERO,
                    TrafficRates.ZERO, List.of(new DestinationStatus(REAL, 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO))));
        }

        int bytes = WireCodec.encode(new Reply.Services(4096, services)).length();

        // 207 KB field for field; packed, 66 bytes a service and its real server, 88 in base64
        assertTrue(bytes < 100_000, bytes + " bytes");
    }

    @Test
    void anAddServiceFromAClientThatPredatesTheProxyProtocolSettingMeansNone() {
        String line = "{\"type\":\"AddService\",\"service\":{\"key\":{\"type\":\"Address\",\"protocol\":\"TCP\","
                + "\"address\":\"10.0.0.1\",\"port\":80},\"scheduler\":\"wlc\",\"flags\":0,\"timeout\":0,"
                + "\"netmask\":-1,\"persistenceEngine\":\"\"}}";

        Request decoded = WireCodec.decodeRequest(line);

        assertEquals(new Command.AddService(new ServiceSpec(WEB, "wlc", 0, 0, 0xFFFFFFFF, "")), decoded);
        assertEquals(ProxyProtocol.NONE, ((Command.AddService) decoded).service().proxyProtocol());
    }

    @Test
    void theProxyProtocolIsWrittenByNameAndAnUnknownNameIsRefused() {
        String line = WireCodec.encode(new Command.AddService(WEB_SPEC.withProxyProtocol(ProxyProtocol.V2)));
        assertTrue(line.contains("\"proxyProtocol\":\"V2\""), line);

        String bad = line.replace("\"V2\"", "\"v3\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireCodec.decodeRequest(bad));
        assertTrue(e.getMessage().contains("v3"), e.getMessage());
    }

    @Test
    void theErrorLineBecomesAnExceptionWithItsMessage() {
        String line = WireCodec.encodeError("not a jlvs request: bad");

        JlvsdErrorException e = assertThrows(JlvsdErrorException.class, () -> WireCodec.decodeReply(line));
        assertEquals("not a jlvs request: bad", e.getMessage());
    }

    @Test
    void theLineNullIsRefusedAsNotARequest() {
        IllegalArgumentException fromText = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.decodeRequest("null"));
        IllegalArgumentException fromBytes = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.decodeRequest(new ByteArrayInputStream("null".getBytes(
                        StandardCharsets.UTF_8))));

        assertEquals("not a request: null", fromText.getMessage());
        assertEquals("not a request: null", fromBytes.getMessage());
    }

    @Test
    void aRequestReadFromBytesEqualsTheOneReadFromText() {
        String line = WireCodec.encode(new Command.AddService(WEB_SPEC));

        Request fromBytes = WireCodec.decodeRequest(new ByteArrayInputStream(line.getBytes(
                StandardCharsets.UTF_8)));

        assertEquals(WireCodec.decodeRequest(line), fromBytes);
    }
}
