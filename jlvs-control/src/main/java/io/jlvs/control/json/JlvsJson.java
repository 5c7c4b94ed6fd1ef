package io.jlvs.control.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Jackson configuration for jlvs's JSON (the control socket and the state file), kept
 * here so jlvs-core and the api records carry no Jackson annotations. Records map field for
 * field; each sealed hierarchy (Request, Reply, ServiceKey) is tagged with a "type" property
 * holding the record's simple name (AddService, Ok, Address...), found from the permitted
 * subclasses so a new record needs no registration; an InetAddress is always its numeric
 * literal, never a host name, and reading one never resolves a name. A ServiceSpec written before
 * jlvs had the PROXY protocol setting has no "proxyProtocol" property and reads as NONE. A Batch
 * is the one exception to field-for-field: its commands travel packed (see {@link PackedBatchJson}).
 */
public final class JlvsJson {
    /** The property that names a record of a sealed hierarchy. */
    public static final String TYPE_PROPERTY = "type";

    private static final ObjectMapper MAPPER = build();

    private JlvsJson() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = TYPE_PROPERTY)
    private abstract static class TaggedByType {
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("jlvs");
        module.addSerializer(InetAddress.class, new AddressSerializer());
        module.addDeserializer(InetAddress.class, new AddressDeserializer());
        module.addDeserializer(ProxyProtocol.class, new ProxyProtocolDeserializer());
        module.addSerializer(Command.Batch.class, new PackedBatchJson.Serializer());
        module.addDeserializer(Command.Batch.class, new PackedBatchJson.Deserializer());
        List<NamedType> names = new ArrayList<>();
        for (Class<?> root : List.of(Request.class, Reply.class, ServiceKey.class)) {
            collectRecords(root, names);
        }
        JsonMapper mapper = JsonMapper.builder()
                .addMixIn(Request.class, TaggedByType.class)
                .addMixIn(Reply.class, TaggedByType.class)
                .addMixIn(ServiceKey.class, TaggedByType.class)
                .addModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a number is a JSON number: 1.5 is not port 1, "80" is not 80
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        mapper.registerSubtypes(names.toArray(NamedType[]::new));
        return mapper;
    }

    /** Every record under a sealed type, named by its simple name. */
    private static void collectRecords(Class<?> type, List<NamedType> names) {
        if (type.isRecord()) {
            names.add(new NamedType(type, type.getSimpleName()));
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> sub : permitted) {
                collectRecords(sub, names);
            }
        }
    }

    /** Writes "10.0.0.1" or "2001:db8::1"-style literals (Java's full IPv6 form). */
    private static final class AddressSerializer extends JsonSerializer<InetAddress> {
        @Override
        public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.getHostAddress());
        }
    }

    /** Reads a numeric literal only: a host name is an error, never a DNS lookup. */
    private static final class AddressDeserializer extends JsonDeserializer<InetAddress> {
        @Override
        public InetAddress deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (InetAddress) ctxt.handleUnexpectedToken(InetAddress.class, p);
            }
            String text = p.getText();
            try {
                return InetAddress.ofLiteral(text);
            } catch (IllegalArgumentException e) {
                return (InetAddress) ctxt.handleWeirdStringValue(InetAddress.class, text,
                        "not a numeric IPv4 or IPv6 address");
            }
        }
    }

    /**
     * Reads a ProxyProtocol by its name; an absent (older state file) or null property is NONE,
     * an unknown name is an error.
     */
    private static final class ProxyProtocolDeserializer extends JsonDeserializer<ProxyProtocol> {
        @Override
        public ProxyProtocol deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (ProxyProtocol) ctxt.handleUnexpectedToken(ProxyProtocol.class, p);
            }
            String text = p.getText();
            for (ProxyProtocol value : ProxyProtocol.values()) {
                if (value.name().equals(text)) {
                    return value;
                }
            }
            return (ProxyProtocol) ctxt.handleWeirdStringValue(ProxyProtocol.class, text, "not one of NONE, V1, V2");
        }

        @Override
        public ProxyProtocol getNullValue(DeserializationContext ctxt) {
            return ProxyProtocol.NONE;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return ProxyProtocol.NONE;
        }
    }
}
