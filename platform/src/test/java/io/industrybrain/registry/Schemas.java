package io.industrybrain.registry;

/** Avro schema texts the unit tests register: one record growing over versions, and one unrelated. */
final class Schemas {

    private Schemas() { }

    static final String READING = """
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"sensor","type":"string"}]}""";

    /** READING plus a field old data cannot supply: a new reader fails on old data. */
    static final String READING_WITH_REQUIRED_VALUE = """
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"sensor","type":"string"},
              {"name":"value","type":"double"}]}""";

    /** READING plus a field with a default: old data still reads. */
    static final String READING_WITH_UNIT = """
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"sensor","type":"string"},
              {"name":"unit","type":"string","default":"kWh"}]}""";

    /** The same schema as READING_WITH_UNIT, written differently (spacing and attribute order). */
    static final String READING_WITH_UNIT_REFORMATTED =
            "{ \"namespace\" : \"test\", \"name\" : \"Reading\", \"type\" : \"record\", \"fields\" : [ "
            + "{\"type\":\"string\",\"name\":\"sensor\"}, {\"default\":\"kWh\",\"name\":\"unit\",\"type\":\"string\"} ] }";

    /** READING with sensor as a number: no reader of one reads the other. */
    static final String READING_WITH_NUMERIC_SENSOR = """
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"sensor","type":"int"}]}""";

    /** Only a unit, without default: reads READING_WITH_UNIT data, not READING data. */
    static final String READING_UNIT_ONLY = """
            {"type":"record","name":"Reading","namespace":"test","fields":[
              {"name":"unit","type":"string"}]}""";

    static final String SHIFT = """
            {"type":"record","name":"Shift","namespace":"test","fields":[
              {"name":"workers","type":"int"}]}""";
}
