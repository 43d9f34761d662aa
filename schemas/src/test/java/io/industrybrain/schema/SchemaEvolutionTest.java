package io.industrybrain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Guards the contract with producers: every schema in src/main/avro must read data written with
 * every version recorded in src/test/resources/recorded ({@code Name.vN.avsc}), checked by Avro's
 * own compatibility checker. A change that breaks old producers fails the build. After a deliberate,
 * compatible change, record the new version as the next {@code vN} file.
 */
class SchemaEvolutionTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RECORDED = Path.of("src/test/resources/recorded");

    /** Parses a schema file after Scope.avsc from the same set, which the others refer to by name. */
    private static Schema parse(Path file, Path scopeFile) {
        try {
            Schema.Parser parser = new Schema.Parser();
            if (!file.equals(scopeFile)) {
                parser.parse(Files.readString(scopeFile));
            }
            return parser.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    static boolean readsDataOf(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    @Test
    void everySchemaReadsEveryRecordedVersion() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path recorded : files(RECORDED)) {
            String name = recorded.getFileName().toString().replaceFirst("\\.v\\d+\\.avsc$", "");
            Path current = CURRENT.resolve(name + ".avsc");
            if (!Files.exists(current)) {
                broken.add(name + " was removed, but producers may still write " + recorded.getFileName());
                continue;
            }
            Schema reader = parse(current, CURRENT.resolve("Scope.avsc"));
            Schema writer = parse(recorded, RECORDED.resolve("Scope.v1.avsc"));
            if (!readsDataOf(reader, writer)) {
                broken.add(name + " can no longer read " + recorded.getFileName() + ": "
                        + SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities());
            }
        }
        if (!broken.isEmpty()) {
            fail("schema changes that break old producers:\n" + String.join("\n", broken));
        }
    }

    @Test
    void everySchemaHasARecordedVersion() throws IOException {
        for (Path current : files(CURRENT)) {
            String name = current.getFileName().toString().replace(".avsc", "");
            assertTrue(Files.exists(RECORDED.resolve(name + ".v1.avsc")), name + " has no recorded version");
        }
    }

    @Test
    void theCheckerRefusesARequiredFieldWithoutDefault() {
        Schema today = Enterprise.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        today.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("province", Schema.create(Schema.Type.STRING), "a new required field", (Object) null));
        Schema breaking = Schema.createRecord(today.getName(), today.getDoc(), today.getNamespace(), false, fields);

        assertFalse(readsDataOf(breaking, today), "a new required field cannot read old data");
        assertTrue(readsDataOf(today, breaking), "dropping a field is fine for old data");
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        for (Path current : files(CURRENT)) {
            Schema schema = parse(current, CURRENT.resolve("Scope.avsc"));
            assertTrue(schema.getDoc() != null && !schema.getDoc().isBlank(), schema.getName() + " has no doc");
            if (schema.getType() == Schema.Type.RECORD) {
                for (Schema.Field field : schema.getFields()) {
                    assertTrue(field.doc() != null && !field.doc().isBlank(), schema.getName() + "." + field.name() + " has no doc");
                }
            }
        }
    }

    /** The field names and types that docs/contract.md makes part of the contract. */
    @Test
    void contractFieldsHaveTheirContractTypes() {
        assertFields(Enterprise.getClassSchema(), "enterpriseId:string name:string region:string industryChain:string "
                + "aboveScale:boolean employees:int updatedAt:timestamp-millis");
        assertFields(MachineTelemetry.getClassSchema(), "deviceId:string enterpriseId:string lineId:string seq:long "
                + "eventTime:timestamp-millis sampleSeconds:int state:enum goodUnits:int defectUnits:int energyKwh:double "
                + "numericallyControlled:boolean cloudConnected:boolean");
        assertFields(ProductionOutput.getClassSchema(), "batchId:string enterpriseId:string lineId:string productCode:string "
                + "quantity:long outputValueCny:double addedValueCny:double eventTime:timestamp-millis");
        assertFields(WorkShift.getClassSchema(), "shiftId:string enterpriseId:string workers:int hours:double eventTime:timestamp-millis");
        assertFields(ProcessHeartbeat.getClassSchema(), "enterpriseId:string process:enum system:string hosting:enum "
                + "digitized:boolean eventTime:timestamp-millis");
        assertFields(MetricTarget.getClassSchema(), "scope:enum scopeId:string metric:string target:double");
        assertEquals(List.of("RD_DESIGN", "PRODUCTION_PLANNING", "MANUFACTURING", "QUALITY", "PROCUREMENT",
                "WAREHOUSING_LOGISTICS", "SALES", "FINANCE"), KeyProcess.getClassSchema().getEnumSymbols());
        assertEquals(List.of("RUNNING", "IDLE", "DOWN", "MAINTENANCE", "OFFLINE"), MachineState.getClassSchema().getEnumSymbols());
        assertEquals(List.of("ON_PREMISES", "PRIVATE_CLOUD", "PUBLIC_CLOUD"), Hosting.getClassSchema().getEnumSymbols());
    }

    private static void assertFields(Schema schema, String spec) {
        for (String entry : spec.split(" ")) {
            String[] nameType = entry.split(":");
            Schema.Field field = schema.getField(nameType[0]);
            assertTrue(field != null, schema.getName() + " lacks " + nameType[0]);
            Schema type = field.schema();
            String actual = type.getLogicalType() != null ? type.getLogicalType().getName() : type.getType().getName();
            assertEquals(nameType[1], actual, schema.getName() + "." + nameType[0]);
        }
    }
}
