package org.coopmetrics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a JSON Lines file, one per non-blank line, parsed with Jackson's streaming parser into one
 * text value per field, so that a wrong JSON type (an object where text belongs) is an error naming the field
 * rather than text nobody typed.
 */
final class JsonRecords extends Records {
    /** Spark's JSON defaults that curated files may rely on: NaN and Infinity tokens, single quotes. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    static final String NOT_AN_OBJECT = "not a JSON object (each line of a .jsonl file must be one JSON object)";

    /** Thrown while reading one line: the line is malformed for the reason given. */
    private static final class BadRecord extends Exception {
        BadRecord(String message) {
            super(message, null, false, false);
        }
    }

    /** The first wrong-typed field of the line being parsed (the rest of the line is still read). */
    private String typeError;

    JsonRecords(String file, LineSource lines, DatasetSpec spec) {
        super(file, lines, spec);
    }

    JsonRecords(FilePacking.Piece piece, LineSource lines, DatasetSpec spec) {
        super(piece, lines, spec);
    }

    @Override
    RawRecord readFrom(LineSource.Line line) {
        if (line.text() == null) {
            // Undecodable bytes: the id may still be readable in the preview, to help find the record.
            Object[] values = null;
            try {
                values = line.preview().length() < LineSource.RAW_PREVIEW_CHARS ? parse(line.preview()) : null;
            } catch (BadRecord ignored) {
                // no id then
            }
            if (values == null && line.overLimit()) {
                // The preview is the line cut short: its id may well come before the cut.
                return withIdOnly(line.number(), line.preview(), line.error(), idBefore(line.preview()));
            }
            return record(line.number(), line.preview(), line.error(), values);
        }
        try {
            typeError = null;
            Object[] values = parse(line.text());
            return record(line.number(), line.text(), typeError, values);
        } catch (BadRecord e) {
            return record(line.number(), line.text(), e.getMessage(), null);
        }
    }

    /** The line's values by field; unknown keys are skipped (extra columns are allowed). */
    private Object[] parse(String text) throws BadRecord {
        Object[] values = new Object[fields.length];
        boolean[] seen = new boolean[fields.length];
        try (JsonParser p = JSON.createParser(text)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new BadRecord(NOT_AN_OBJECT);
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    Integer i = fieldIndex.get(p.currentName());
                    JsonToken value = p.nextToken();
                    if (i == null) {
                        p.skipChildren();
                        continue;
                    }
                    if (seen[i]) {
                        wrongType(fields[i] + " is given twice in the object");
                    }
                    seen[i] = true;
                    values[i] = isList[i] ? list(p, value, fields[i]) : scalar(p, value, fields[i]);
                }
            } catch (JsonProcessingException e) {
                throw new BadRecord(NOT_AN_OBJECT + ": " + brief(e));
            }
            try {
                if (p.nextToken() != null) {
                    throw new BadRecord("more than one JSON value on the line (each line of a .jsonl file "
                            + "holds one object; are the lines separated by CR only?)");
                }
            } catch (JsonProcessingException trailing) {
                throw new BadRecord("text after the JSON object: " + trailing.getOriginalMessage());
            }
        } catch (IOException e) {
            throw new BadRecord(NOT_AN_OBJECT + ": " + e.getMessage());
        }
        return values;
    }

    /**
     * The id field's value in the object that {@code cut} begins, if read before the text ends (the rest of the
     * object is never looked at); null if the text breaks first or the id is not a scalar.
     */
    String idBefore(String cut) {
        try (JsonParser p = JSON.createParser(cut)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isId = idField.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (!isId) {
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_STRING) {
                    return p.getText(); // fails if the closing quote was cut off
                }
                if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    // A number or literal that ends the text may have been cut short (12345 read as 12).
                    return p.currentLocation().getCharOffset() < cut.length() ? p.getText() : null;
                }
                return null;
            }
        } catch (IOException cutShort) {
            // the text ends (or breaks) before the id's value
        }
        return null;
    }

    private void wrongType(String error) {
        typeError = typeError == null ? error : typeError;
    }

    /** Text, a number as written (1e400 stays 1e400) or a boolean; null for JSON null. */
    private String scalar(JsonParser p, JsonToken token, String field) throws IOException {
        switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE:
                return p.getText();
            case START_OBJECT, START_ARRAY:
                wrongType(field + ": expected text, got a JSON " + (token == JsonToken.START_OBJECT
                        ? "object" : "array"));
                p.skipChildren();
                return null;
            default:
                return null;
        }
    }

    private String[] list(JsonParser p, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            wrongType(field + ": expected a JSON array of strings, got "
                    + (token == JsonToken.START_OBJECT ? "a JSON object" : p.getText()));
            p.skipChildren();
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                wrongType(field + ": expected a JSON array of strings, got an array holding a JSON "
                        + (t == JsonToken.START_OBJECT ? "object" : "array"));
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL) {
                items.add(p.getText());
            }
        }
        return items.toArray(new String[0]);
    }

    private static String brief(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        message = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        return message + " at column " + e.getLocation().getColumnNr();
    }
}
