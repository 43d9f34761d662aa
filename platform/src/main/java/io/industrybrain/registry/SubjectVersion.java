package io.industrybrain.registry;

/**
 * One version of a subject: the schema registered under it, the schema's global id, and whether the
 * version was soft-deleted (hidden from lists and look-ups, its id still resolvable).
 *
 * @param writeId the unique id of the log record that created this version; a writer recognises its
 *                own record by it after reading the log back
 */
record SubjectVersion(String subject, int version, int id, CanonicalSchema schema, boolean deleted, String writeId) {

    SubjectVersion softDeleted() {
        return new SubjectVersion(subject, version, id, schema, true, writeId);
    }
}
