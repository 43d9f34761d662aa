package io.industrybrain.registry;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility;

/**
 * Decides whether a candidate schema may follow a subject's earlier versions, with Avro's own
 * reader/writer resolution rules ({@link SchemaCompatibility}). The answer is the list of reasons it may
 * not; an empty list means compatible.
 */
final class CompatibilityChecker {

    private CompatibilityChecker() { }

    /**
     * @param earlier the versions to check against, oldest first; a non-transitive level looks at the
     *                last one only
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<SubjectVersion> earlier) {
        if (earlier.isEmpty() || level == CompatibilityLevel.NONE) {
            return List.of();
        }
        List<SubjectVersion> checked = level.transitive() ? earlier : earlier.subList(earlier.size() - 1, earlier.size());
        List<String> problems = new ArrayList<>();
        for (SubjectVersion version : checked) {
            Schema existing = version.schema().avro();
            if (level.backward()) {
                describe(problems, "the new schema cannot read data written with version " + version.version(),
                        candidate, existing);
            }
            if (level.forward()) {
                describe(problems, "version " + version.version() + " cannot read data written with the new schema",
                        existing, candidate);
            }
        }
        return problems;
    }

    private static void describe(List<String> problems, String direction, Schema reader, Schema writer) {
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            problems.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
    }
}
