package io.industrybrain.registry;

import org.apache.avro.Schema;

/**
 * An Avro schema together with the text that identifies it. Two submissions are the same schema when
 * their canonical texts are equal: Avro's own rendering of the parsed schema, which ignores white
 * space and attribute order but keeps everything that matters to readers and writers (defaults, docs,
 * aliases, logical types). Avro's stricter "parsing canonical form" is not used because it drops
 * defaults, and a default decides compatibility.
 */
record CanonicalSchema(Schema avro, String canonical) {

    /** Parses a schema as submitted; anything Avro refuses (including bad defaults) is a 42201. */
    static CanonicalSchema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("the schema is empty");
        }
        Schema avro;
        try {
            avro = new Schema.Parser().parse(text);
        } catch (RuntimeException refused) {
            throw RegistryException.invalidSchema(String.valueOf(refused.getMessage()));
        }
        return new CanonicalSchema(avro, avro.toString());
    }
}
