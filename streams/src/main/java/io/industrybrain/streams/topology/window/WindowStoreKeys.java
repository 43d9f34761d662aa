package io.industrybrain.streams.topology.window;

/**
 * Keys of the window stage's stores. Both begin with the window start as 19 zero-padded digits, so the
 * stores' byte order is window order and every window closed at a stream time is one range scan away.
 */
final class WindowStoreKeys {

    private static final int START_DIGITS = 19;

    private WindowStoreKeys() { }

    /** Key of an enterprise's state in a window. */
    static String state(long windowStart, String enterpriseId) {
        return start(windowStart) + "|" + enterpriseId;
    }

    /** Key of a duplicate key seen for an enterprise in a window; the id's length keeps the parts apart. */
    static String duplicate(long windowStart, String enterpriseId, String duplicateKey) {
        return start(windowStart) + "|" + enterpriseId.length() + ":" + enterpriseId + "|" + duplicateKey;
    }

    /** Lowest key of any window. */
    static String first() {
        return start(0);
    }

    /**
     * A bound just above every key of windows starting at or before {@code windowStart}: no key equals it,
     * and keys of later windows sort after it.
     */
    static String after(long windowStart) {
        return start(windowStart + 1);
    }

    private static String start(long windowStart) {
        String digits = Long.toString(windowStart);
        return "0".repeat(START_DIGITS - digits.length()) + digits;
    }
}
