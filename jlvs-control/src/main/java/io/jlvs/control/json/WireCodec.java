package io.jlvs.control.json;

import io.jlvs.control.api.Command;
import io.jlvs.control.binary.BinaryCodec;
import io.jlvs.control.binary.ServiceListCodec;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.EngineCounter;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The control socket's protocol: one JSON document per line, a Request from the client and a
 * Reply from jlvsd, each tagged with "type" (the record's simple name). When jlvsd cannot handle
 * a line at all (it is not JSON, not a known request, or the daemon failed) it answers
 * {"type":"ProtocolError","message":...} instead of a Reply; {@link #decodeReply} turns that into
 * a {@link JlvsdErrorException}.
 *
 * <p>Records travel field for field (see ModelFormat), except a Batch, which travels packed in
 * the binary codec's form (see {@link #readBatch}), and a Services listing, packed in
 * {@link ServiceListCodec}'s (see {@link #readServices}).
 *
 * <p>Written by hand, without Jackson: {@code jlvs adm} is started once per call from shell
 * loops, and setting up a Jackson mapper cost it more than everything else together. Both
 * jlvsd and the client use this class, so the two sides cannot drift; WireCodecTest checks the
 * shapes against the Jackson mapping the state file uses ({@link JlvsJson}).
 */
public final class WireCodec {
    /** The "type" of the error line that stands in for a Reply. */
    public static final String PROTOCOL_ERROR = "ProtocolError";
    private static final String PACKED = "packed";
    private static final String COMMANDS = "commands";
    /** How a packed listing's line starts and ends: all of it but the base64 between. */
    private static final String PACKED_SERVICES = "{\"" + JlvsJson.TYPE_PROPERTY + "\":\"Services\",\"" + PACKED + "\":\"";
    private static final String PACKED_END = "\"}";
    /** How a formatted listing's line starts: the text travels as base64 of its UTF-8 bytes. */
    private static final String PACKED_LISTING = "{\"" + JlvsJson.TYPE_PROPERTY + "\":\"Listing\",\"" + PACKED + "\":\"";
    /** How a packed Batch's line starts: what {@link #encode(Request)} writes before the base64. */
    private static final String PACKED_BATCH = "{\"" + JlvsJson.TYPE_PROPERTY + "\":\"Batch\",\"" + PACKED + "\":\"";
    private static final byte[] PACKED_BATCH_BYTES = PACKED_BATCH.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PACKED_END_BYTES = PACKED_END.getBytes(StandardCharsets.US_ASCII);

    private WireCodec() {
    }

    /** One request as one line of JSON (no line break). */
    public static String encode(Request request) {
        if (request instanceof Command.Batch batch) {
            // base64 needs no escapes: the line is put together without the writer's quoting loop
            // (ipvsadm -R of 10,000 services is a 5 MB string)
            return PACKED_BATCH + Base64.getEncoder().encodeToString(BinaryCodec.encode(batch)) + PACKED_END;
        }
        JsonWriter out = new JsonWriter();
        write(out, request);
        return out.toString();
    }

    /** One reply as one line of JSON (no line break). */
    public static String encode(Reply reply) {
        if (reply instanceof Reply.Listing(String text)) {
            // a listing's newlines would each be an escape; base64 is read back in one call
            return PACKED_LISTING + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                    + PACKED_END;
        }
        if (reply instanceof Reply.Services services) {
            // as a Batch: base64 needs no escapes (1,000 services are 85 KB of it)
            return PACKED_SERVICES + Base64.getEncoder().encodeToString(ServiceListCodec.encode(services)) + PACKED_END;
        }
        JsonWriter out = new JsonWriter();
        switch (reply) {
            case Reply.Ok() -> out.beginTagged("Ok");
            case Reply.Failure(IpvsError error, int index, String detail) -> {
                out.beginTagged("Failure").name("error");
                if (error == null) {
                    out.nullValue();
                } else {
                    out.value(error);
                }
                out.name("index").value(index).name("detail").value(detail);
            }
            case Reply.Services services -> throw new AssertionError("written above");
            case Reply.Listing listing -> throw new AssertionError("written above");
            case Reply.LocalAddresses(List<ServiceLocalAddresses> services) -> out.beginTagged("LocalAddresses")
                    .array("services", services, ModelFormat::write);
            case Reply.Connections(List<ConnectionEntry> connections) -> out.beginTagged("Connections")
                    .array("connections", connections, ModelFormat::write);
            case Reply.CurrentTimeouts current -> {
                out.beginTagged("CurrentTimeouts").name("timeouts");
                ModelFormat.write(out, current.timeouts());
            }
            case Reply.DataPlane(String name) -> out.beginTagged("DataPlane").name("name").value(name);
            case Reply.ProxyNotice(boolean due) -> out.beginTagged("ProxyNotice").name("due").value(due);
            case Reply.EngineCounters(String dataPlane, List<EngineCounter> counters) -> out
                    .beginTagged("EngineCounters").name("dataPlane").value(dataPlane)
                    .array("counters", counters, ModelFormat::write);
            case Reply.Daemons(List<SyncDaemonSpec> daemons) -> out.beginTagged("Daemons")
                    .array("daemons", daemons, ModelFormat::write);
        }
        return out.endObject().toString();
    }

    /** The error line for a request that could not be handled. */
    public static String encodeError(String message) {
        return new JsonWriter().beginTagged(PROTOCOL_ERROR).name("message").value(message).endObject().toString();
    }

    /**
     * Reads a request line.
     *
     * @throws IllegalArgumentException with a message fit for the client when the line is not a request
     */
    public static Request decodeRequest(String line) {
        Object parsed;
        try {
            parsed = JsonReader.parse(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a jlvs request: " + e.getMessage(), e);
        }
        return readRequest(parsed);
    }

    /**
     * Reads a request line from its bytes (UTF-8, without the line break).
     *
     * @throws IllegalArgumentException with a message fit for the client when the line is not a request
     * @throws UncheckedIOException     when the stream itself fails
     */
    public static Request decodeRequest(InputStream line) {
        byte[] bytes;
        try {
            bytes = line.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a request line", e);
        }
        if (isPackedBatch(bytes)) {
            // what encode writes for a Batch, its base64 decoded from the bytes without the JSON
            // parser; a line that only starts and ends so (an escape in it) goes to the parser
            try {
                return readPackedBatch(Base64.getDecoder().decode(ByteBuffer.wrap(bytes, PACKED_BATCH_BYTES.length,
                        bytes.length - PACKED_BATCH_BYTES.length - PACKED_END_BYTES.length)));
            } catch (IllegalArgumentException notThatLine) {
                // read below as any other line
            }
        }
        return decodeRequest(new String(bytes, StandardCharsets.UTF_8));
    }

    private static boolean isPackedBatch(byte[] bytes) {
        int tail = bytes.length - PACKED_END_BYTES.length;
        return tail >= PACKED_BATCH_BYTES.length
                && Arrays.equals(bytes, 0, PACKED_BATCH_BYTES.length, PACKED_BATCH_BYTES, 0, PACKED_BATCH_BYTES.length)
                && Arrays.equals(bytes, tail, bytes.length, PACKED_END_BYTES, 0, PACKED_END_BYTES.length);
    }

    /** A parsed line as a request; the JSON literal null is no request at all, refused like any other. */
    private static Request readRequest(Object parsed) {
        if (parsed == null) {
            throw new IllegalArgumentException("not a request: null");
        }
        try {
            return readRequest(JsonFields.of(parsed, "a request"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a jlvs request: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a reply line.
     *
     * @throws JlvsdErrorException when the line is jlvsd's error line, or not a reply at all
     */
    public static Reply decodeReply(String line) throws JlvsdErrorException {
        // what encode writes for a listing, read without the JSON parser (base64 needs no escapes);
        // anything else that starts and ends so (an escape, a second property) goes to the parser
        try {
            if (line.startsWith(PACKED_SERVICES) && line.endsWith(PACKED_END)) {
                return readPackedServices(line.substring(PACKED_SERVICES.length(), line.length() - PACKED_END.length()));
            }
            if (line.startsWith(PACKED_LISTING) && line.endsWith(PACKED_END)) {
                return readPackedListing(line.substring(PACKED_LISTING.length(), line.length() - PACKED_END.length()));
            }
        } catch (IllegalArgumentException notThatLine) {
            // read below as any other line
        }
        JsonFields in;
        try {
            in = JsonFields.of(JsonReader.parse(line), "a reply");
        } catch (IllegalArgumentException e) {
            throw new JlvsdErrorException("jlvsd sent a line that is not JSON: " + e.getMessage());
        }
        try {
            if (PROTOCOL_ERROR.equals(in.string(JlvsJson.TYPE_PROPERTY))) {
                throw new JlvsdErrorException(in.string("message"));
            }
            return readReply(in);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new JlvsdErrorException("jlvsd sent a line that is not a reply: " + e.getMessage());
        }
    }

    private static void write(JsonWriter out, Request request) {
        switch (request) {
            case Command.AddService(var service) -> writeService(out.beginTagged("AddService"), service);
            case Command.EditService(var service) -> writeService(out.beginTagged("EditService"), service);
            case Command.DelService(var key) -> {
                out.beginTagged("DelService").name("key");
                ModelFormat.write(out, key);
            }
            case Command.Flush() -> out.beginTagged("Flush");
            case Command.AddDest(var key, var destination) -> writeDestination(out.beginTagged("AddDest"), key, destination);
            case Command.EditDest(var key, var destination) -> writeDestination(out.beginTagged("EditDest"), key, destination);
            case Command.DelDest(var key, var address, int port) -> {
                out.beginTagged("DelDest").name("key");
                ModelFormat.write(out, key);
                out.name("address").value(address.getHostAddress()).name("port").value(port);
            }
            case Command.AddLocalAddress(var key, var address) -> writeLocalAddress(out.beginTagged("AddLocalAddress"),
                    key, address);
            case Command.DelLocalAddress(var key, var address) -> writeLocalAddress(out.beginTagged("DelLocalAddress"),
                    key, address);
            case Command.Zero(var key) -> {
                out.beginTagged("Zero").name("key");
                ModelFormat.writeOptional(out, key);
            }
            case Command.SetTimeouts(var timeouts) -> {
                out.beginTagged("SetTimeouts").name("timeouts");
                ModelFormat.write(out, timeouts);
            }
            case Command.StartDaemon(var daemon) -> {
                out.beginTagged("StartDaemon").name("daemon");
                ModelFormat.write(out, daemon);
            }
            case Command.StopDaemon(var state) -> out.beginTagged("StopDaemon").name("state").value(state);
            case Command.Batch batch -> out.beginTagged("Batch").name(PACKED)
                    .value(Base64.getEncoder().encodeToString(BinaryCodec.encode(batch)));
            case Query.GetServices(var key) -> {
                out.beginTagged("GetServices").name("key");
                ModelFormat.writeOptional(out, key);
            }
            case Query.GetLocalAddresses(var key) -> {
                out.beginTagged("GetLocalAddresses").name("key");
                ModelFormat.writeOptional(out, key);
            }
            case Query.GetListing(var key, int format) -> {
                out.beginTagged("GetListing").name("key");
                ModelFormat.writeOptional(out, key);
                out.name("format").value(format);
            }
            case Query.GetConnections() -> out.beginTagged("GetConnections");
            case Query.GetTimeouts() -> out.beginTagged("GetTimeouts");
            case Query.GetDaemons() -> out.beginTagged("GetDaemons");
            case Query.GetDataPlane() -> out.beginTagged("GetDataPlane");
            case Query.GetEngineCounters() -> out.beginTagged("GetEngineCounters");
            case Query.ClaimProxyNotice() -> out.beginTagged("ClaimProxyNotice");
        }
        out.endObject();
    }

    private static void writeService(JsonWriter out, ServiceSpec service) {
        ModelFormat.write(out.name("service"), service);
    }

    private static void writeDestination(JsonWriter out, ServiceKey key, DestinationSpec destination) {
        ModelFormat.write(out.name("key"), key);
        ModelFormat.write(out.name("destination"), destination);
    }

    private static void writeLocalAddress(JsonWriter out, ServiceKey key, InetAddress address) {
        ModelFormat.write(out.name("key"), key);
        out.name("address").value(address.getHostAddress());
    }

    private static Request readRequest(JsonFields in) {
        String type = in.string(JlvsJson.TYPE_PROPERTY);
        Request request = switch (type) {
            case "AddService" -> new Command.AddService(ModelFormat.readServiceSpec(in.object("service")));
            case "EditService" -> new Command.EditService(ModelFormat.readServiceSpec(in.object("service")));
            case "DelService" -> new Command.DelService(ModelFormat.readKey(in.object("key")));
            case "Flush" -> new Command.Flush();
            case "AddDest" -> new Command.AddDest(ModelFormat.readKey(in.object("key")),
                    ModelFormat.readDestinationSpec(in.object("destination")));
            case "EditDest" -> new Command.EditDest(ModelFormat.readKey(in.object("key")),
                    ModelFormat.readDestinationSpec(in.object("destination")));
            case "DelDest" -> new Command.DelDest(ModelFormat.readKey(in.object("key")), in.address("address"),
                    in.integer("port"));
            case "AddLocalAddress" -> new Command.AddLocalAddress(ModelFormat.readKey(in.object("key")),
                    in.address("address"));
            case "DelLocalAddress" -> new Command.DelLocalAddress(ModelFormat.readKey(in.object("key")),
                    in.address("address"));
            case "Zero" -> new Command.Zero(ModelFormat.readOptionalKey(in, "key"));
            case "SetTimeouts" -> new Command.SetTimeouts(ModelFormat.readTimeouts(in.object("timeouts")));
            case "StartDaemon" -> new Command.StartDaemon(ModelFormat.readDaemon(in.object("daemon")));
            case "StopDaemon" -> new Command.StopDaemon(in.constant("state", SyncDaemonSpec.State.values()));
            case "Batch" -> readBatch(in);
            case "GetServices" -> new Query.GetServices(ModelFormat.readOptionalKey(in, "key"));
            case "GetLocalAddresses" -> new Query.GetLocalAddresses(ModelFormat.readOptionalKey(in, "key"));
            case "GetConnections" -> new Query.GetConnections();
            case "GetTimeouts" -> new Query.GetTimeouts();
            case "GetDaemons" -> new Query.GetDaemons();
            case "GetDataPlane" -> new Query.GetDataPlane();
            case "GetEngineCounters" -> new Query.GetEngineCounters();
            case "GetListing" -> new Query.GetListing(ModelFormat.readOptionalKey(in, "key"), in.integer("format"));
            case "ClaimProxyNotice" -> new Query.ClaimProxyNotice();
            default -> throw new IllegalArgumentException("unknown request type \"" + type + "\"");
        };
        in.finish(type);
        return request;
    }

    /**
     * A Batch: packed, its commands in the binary codec's form as one base64 string (ipvsadm -R of
     * 10,000 services is 110,000 commands: 28 MB as one JSON object each, 5 MB packed), or as one
     * object per command under "commands", which still reads.
     */
    private static Command.Batch readBatch(JsonFields in) {
        boolean packed = in.has(PACKED);
        if (packed == in.has(COMMANDS)) {
            throw new IllegalArgumentException(packed ? "a Batch with both \"packed\" and \"commands\""
                    : "a Batch needs \"packed\" or \"commands\"");
        }
        if (!packed) {
            return new Command.Batch(in.list(COMMANDS, "a batched command", WireCodec::readCommand));
        }
        return readPackedBatch(ByteBuffer.wrap(Base64.getDecoder().decode(in.string(PACKED))));
    }

    private static Command.Batch readPackedBatch(ByteBuffer packed) {
        Command command;
        try {
            command = BinaryCodec.readCommand(packed);
        } catch (BinaryCodec.MalformedException e) {
            throw new IllegalArgumentException("a packed Batch that does not read: " + e.getMessage());
        }
        if (command instanceof Command.Batch batch) {
            return batch;
        }
        throw new IllegalArgumentException("a packed Batch that holds a " + command.getClass().getSimpleName());
    }

    private static Command readCommand(JsonFields in) {
        if (readRequest(in) instanceof Command command) {
            return command;
        }
        throw new IllegalArgumentException("a batch holds commands only, not queries");
    }

    /**
     * A Services reply: packed, the listing in {@link ServiceListCodec}'s form as one base64 string
     * (jlvs adm reads a listing of 1,000 services in a third of the time JSON took), or field for
     * field as a jlvsd before the packed form wrote it.
     */
    private static Reply.Services readServices(JsonFields in) {
        if (!in.has(PACKED)) {
            return new Reply.Services(in.integer("connectionTableSize"),
                    in.list("services", "a service's status", ModelFormat::readServiceStatus));
        }
        return readPackedServices(in.string(PACKED));
    }

    private static Reply.Listing readPackedListing(String base64) {
        return new Reply.Listing(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    private static Reply.Services readPackedServices(String base64) {
        try {
            return ServiceListCodec.decode(Base64.getDecoder().decode(base64));
        } catch (BinaryCodec.MalformedException e) {
            throw new IllegalArgumentException("a packed listing that does not read: " + e.getMessage());
        }
    }

    private static Reply readReply(JsonFields in) {
        String type = in.string(JlvsJson.TYPE_PROPERTY);
        Reply reply = switch (type) {
            case "Ok" -> new Reply.Ok();
            case "Failure" -> new Reply.Failure(in.optionalConstant("error", IpvsError.values(), null),
                    in.integer("index"), in.optionalString("detail"));
            case "Services" -> readServices(in);
            case "Listing" -> readPackedListing(in.string(PACKED));
            case "LocalAddresses" -> new Reply.LocalAddresses(
                    in.list("services", "a service's local addresses", ModelFormat::readServiceLocalAddresses));
            case "Connections" -> new Reply.Connections(
                    in.list("connections", "a connection entry", ModelFormat::readConnection));
            case "CurrentTimeouts" -> new Reply.CurrentTimeouts(ModelFormat.readTimeouts(in.object("timeouts")));
            case "DataPlane" -> new Reply.DataPlane(in.string("name"));
            case "ProxyNotice" -> new Reply.ProxyNotice(in.bool("due"));
            case "EngineCounters" -> new Reply.EngineCounters(in.string("dataPlane"),
                    in.list("counters", "a counter", ModelFormat::readCounter));
            case "Daemons" -> new Reply.Daemons(in.list("daemons", "a sync daemon", ModelFormat::readDaemon));
            default -> throw new IllegalArgumentException("unknown reply type \"" + type + "\"");
        };
        in.finish(type);
        return reply;
    }
}
