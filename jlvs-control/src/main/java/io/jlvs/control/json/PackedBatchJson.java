package io.jlvs.control.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.jlvs.control.api.Command;
import io.jlvs.control.binary.BinaryCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A Batch on the control socket as {"type":"Batch","packed":BASE64}: its commands in the binary
 * codec's form. ipvsadm -R of 10,000 services is 110,000 commands; as JSON objects they are 28 MB
 * that take both ends longer to write and read than jlvsd takes to apply them, packed they are
 * 5 MB of one string. A Batch written as {"type":"Batch","commands":[...]} (one JSON object per
 * command) still reads.
 */
final class PackedBatchJson {
    private static final String PACKED = "packed";
    private static final String COMMANDS = "commands";

    private PackedBatchJson() {
    }

    /** Writes the packed form; the "type" property comes from the Request hierarchy's type handling. */
    static final class Serializer extends JsonSerializer<Command.Batch> {
        @Override
        public void serialize(Command.Batch batch, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            writeFields(batch, gen);
            gen.writeEndObject();
        }

        @Override
        public void serializeWithType(Command.Batch batch, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSer) throws IOException {
            WritableTypeId typeId = typeSer.writeTypePrefix(gen, typeSer.typeId(batch, JsonToken.START_OBJECT));
            writeFields(batch, gen);
            typeSer.writeTypeSuffix(gen, typeId);
        }

        private static void writeFields(Command.Batch batch, JsonGenerator gen) throws IOException {
            gen.writeFieldName(PACKED);
            gen.writeBinary(BinaryCodec.encode(batch));
        }
    }

    /** Reads either form; anything else in the object is an error, as for every record. */
    static final class Deserializer extends JsonDeserializer<Command.Batch> {
        @Override
        public Command.Batch deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT) {
                token = p.nextToken();
            }
            Command.Batch batch = null;
            for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                if (batch != null) {
                    return ctxt.reportInputMismatch(Command.Batch.class, "a Batch with both \"packed\" and \"commands\"");
                }
                batch = switch (field) {
                    case PACKED -> unpack(p, ctxt);
                    case COMMANDS -> new Command.Batch(ctxt.readValue(p, commandList(ctxt)));
                    default -> {
                        ctxt.handleUnknownProperty(p, this, Command.Batch.class, field);
                        yield null;
                    }
                };
            }
            if (batch == null) {
                return ctxt.reportInputMismatch(Command.Batch.class, "a Batch needs \"packed\" or \"commands\"");
            }
            return batch;
        }

        private static Command.Batch unpack(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Command.Batch) ctxt.handleUnexpectedToken(Command.Batch.class, p);
            }
            Command command;
            try {
                command = BinaryCodec.readCommand(ByteBuffer.wrap(p.getBinaryValue()));
            } catch (BinaryCodec.MalformedException e) {
                return ctxt.reportInputMismatch(Command.Batch.class, "a packed Batch that does not read: "
                        + e.getMessage());
            }
            if (!(command instanceof Command.Batch batch)) {
                return ctxt.reportInputMismatch(Command.Batch.class, "a packed Batch that holds a "
                        + command.getClass().getSimpleName());
            }
            return batch;
        }

        private static JavaType commandList(DeserializationContext ctxt) {
            return ctxt.getTypeFactory().constructCollectionType(List.class, Command.class);
        }
    }
}
