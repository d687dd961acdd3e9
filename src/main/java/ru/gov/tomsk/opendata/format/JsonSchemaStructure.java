package ru.gov.tomsk.opendata.format;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

import ru.gov.tomsk.opendata.dataset.Constraints;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.Structure;

/**
 * {@code structure-<ver>.json}: the JSON Schema (draft 2020-12) that {@link JsonDataWriter}'s output
 * validates against (standard §6). Every key is required because the data always writes every key;
 * an optional field is expressed by allowing {@code null}, not by allowing the key to be missing.
 */
public final class JsonSchemaStructure {

    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private JsonSchemaStructure() {
    }

    public static byte[] render(Structure structure) {
        return Json.render(json -> {
            json.writeStartObject();
            json.writeStringField("$schema", DRAFT_2020_12);
            json.writeStringField("type", "array");
            json.writeObjectFieldStart("items");
            json.writeStringField("type", "object");
            json.writeObjectFieldStart("properties");
            for (Field field : structure.fields()) {
                property(json, field);
            }
            json.writeEndObject();
            json.writeArrayFieldStart("required");
            for (String name : structure.fieldNames()) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeBooleanField("additionalProperties", false);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The gate's checks, so that consumers validating against the schema see the same rules. */
    private static void constraints(JsonGenerator json, Field field) throws IOException {
        Constraints c = field.constraints();
        if (!c.allowed().isEmpty()) {
            json.writeArrayFieldStart("enum");
            for (String allowed : c.allowed()) {
                Json.value(json, field.type(), allowed);
            }
            if (!field.required()) {
                json.writeNull();
            }
            json.writeEndArray();
        }
        boolean numeric = field.type() == FieldType.INTEGER || field.type() == FieldType.NUMBER
                || field.type() == FieldType.DOUBLE;
        if (numeric && c.min() != null) {
            json.writeFieldName("minimum");
            json.writeNumber(c.min());
        }
        if (numeric && c.max() != null) {
            json.writeFieldName("maximum");
            json.writeNumber(c.max());
        }
        if (field.type() == FieldType.STRING && c.maxLength() != null) {
            json.writeNumberField("maxLength", c.maxLength());
        }
        if (field.type() == FieldType.STRING && c.pattern() != null) {
            // JSON Schema patterns search; the gate matches the whole value
            json.writeStringField("pattern", "^(?:" + c.pattern().pattern() + ")$");
        }
    }

    private static void property(JsonGenerator json, Field field) throws IOException {
        String type = switch (field.type()) {
            case INTEGER -> "integer";
            case NUMBER, DOUBLE -> "number";
            case BOOLEAN -> "boolean";
            case STRING, DATE, DATETIME -> "string";
        };
        String format = switch (field.type()) {
            case DATE -> "date";
            case DATETIME -> "date-time";
            default -> null;
        };
        json.writeObjectFieldStart(field.name());
        if (field.required()) {
            json.writeStringField("type", type);
        } else {
            json.writeArrayFieldStart("type");
            json.writeString(type);
            json.writeString("null");
            json.writeEndArray();
        }
        if (format != null) {
            json.writeStringField("format", format);
        }
        constraints(json, field);
        json.writeStringField("title", field.ru());
        json.writeStringField("description", field.en());
        json.writeEndObject();
    }
}
