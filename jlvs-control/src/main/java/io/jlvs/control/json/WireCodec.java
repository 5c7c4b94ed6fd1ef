package io.jlvs.control.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The control socket's protocol: one JSON document per line, a Request from the client and a
 * Reply from jlvsd, each tagged with "type". When jlvsd cannot handle a line at all (it is not
 * JSON, not a known request, or the daemon failed) it answers {"type":"ProtocolError",
 * "message":...} instead of a Reply; {@link #decodeReply} turns that into a
 * {@link JlvsdErrorException}.
 */
public final class WireCodec {
    /** The "type" of the error line that stands in for a Reply. */
    public static final String PROTOCOL_ERROR = "ProtocolError";

    private static final ObjectMapper MAPPER = JlvsJson.mapper();

    private WireCodec() {
    }

    /** One request as one line of JSON (no line break). */
    public static String encode(Request request) {
        return write(MAPPER.writerFor(Request.class), request);
    }

    /** One reply as one line of JSON (no line break). */
    public static String encode(Reply reply) {
        return write(MAPPER.writerFor(Reply.class), reply);
    }

    /** The error line for a request that could not be handled. */
    public static String encodeError(String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(JlvsJson.TYPE_PROPERTY, PROTOCOL_ERROR);
        node.put("message", message);
        return write(MAPPER.writer(), node);
    }

    /**
     * Reads a request line.
     *
     * @throws IllegalArgumentException with a message fit for the client when the line is not a request
     */
    public static Request decodeRequest(String line) {
        try {
            return present(MAPPER.readValue(line, Request.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a jlvs request: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a request line from its bytes (UTF-8, without the line break), so a long line is
     * parsed where it was read instead of being copied into a String first.
     *
     * @throws IllegalArgumentException with a message fit for the client when the line is not a request
     * @throws UncheckedIOException     when the stream itself fails
     */
    public static Request decodeRequest(InputStream line) {
        try {
            return present(MAPPER.readValue(line, Request.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a jlvs request: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a request line", e);
        }
    }

    /** The JSON literal null parses as no request at all: refused like any other non-request. */
    private static Request present(Request request) {
        if (request == null) {
            throw new IllegalArgumentException("not a request: null");
        }
        return request;
    }

    /**
     * Reads a reply line.
     *
     * @throws JlvsdErrorException when the line is jlvsd's error line, or not a reply at all
     */
    public static Reply decodeReply(String line) throws JlvsdErrorException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new JlvsdErrorException("jlvsd sent a line that is not JSON: " + e.getOriginalMessage());
        }
        if (node != null && PROTOCOL_ERROR.equals(node.path(JlvsJson.TYPE_PROPERTY).asText())) {
            throw new JlvsdErrorException(node.path("message").asText("jlvsd refused the request"));
        }
        try {
            return MAPPER.treeToValue(node, Reply.class);
        } catch (JsonProcessingException e) {
            throw new JlvsdErrorException("jlvsd sent a line that is not a reply: " + e.getOriginalMessage());
        }
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
