package io.industrybrain.registry;

import java.util.List;

/**
 * A refusal that the REST API answers as {@code {"error_code":N,"message":"..."}} with the HTTP status
 * Confluent's registry uses for the same condition, so that Confluent's clients recognise it.
 */
final class RegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    private RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    private RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    int httpStatus() { return httpStatus; }

    int errorCode() { return errorCode; }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(404, 40402, "Version " + version + " of subject '" + subject + "' not found.");
    }

    static RegistryException schemaNotFound(String subject) {
        return new RegistryException(404, 40403, "Schema not found under subject '" + subject + "'.");
    }

    static RegistryException schemaIdNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(404, 40404,
                "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(404, 40405,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(404, 40406, "Subject '" + subject + "' Version " + version
                + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(404, 40407, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectConfigNotFound(String subject) {
        return new RegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(String subject, List<String> problems) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema"
                + " for subject '" + subject + "', details: " + problems);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel(String level) {
        return new RegistryException(422, 42203, "Invalid compatibility level '" + level
                + "'. Valid values are " + List.of(CompatibilityLevel.values()));
    }

    static RegistryException storeError(String detail, Throwable cause) {
        return new RegistryException(500, 50001, "Error in the backend data store: " + detail, cause);
    }

    static RegistryException badRequest(String detail) {
        return new RegistryException(400, 400, "Bad request: " + detail);
    }

    static RegistryException noSuchResource(String path) {
        return new RegistryException(404, 404, "HTTP 404 Not Found: " + path);
    }

    static RegistryException methodNotAllowed(String method, String path) {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed: " + method + " " + path);
    }

    static RegistryException unsupportedMediaType(String contentType) {
        return new RegistryException(415, 415, "HTTP 415 Unsupported Media Type: " + contentType);
    }
}
