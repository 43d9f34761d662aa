package io.industrybrain.streams.topology.window;

/**
 * Keys of the window and roll-up stages' stores. All begin with the window start as 19 zero-padded digits,
 * so the stores' byte order is window order and every window closed at a stream time is one range scan away.
 */
public final class WindowStoreKeys {

    private static final int START_DIGITS = 19;

    private WindowStoreKeys() { }

    /** Key of an enterprise's state in a window. */
    static String state(long windowStart, String enterpriseId) {
        return start(windowStart) + "|" + enterpriseId;
    }

    /** Key of something of an enterprise in a window (a device, a batch or shift id); the id's length keeps the parts apart. */
    static String ofEnterprise(long windowStart, String enterpriseId, String what) {
        return start(windowStart) + "|" + enterpriseId.length() + ":" + enterpriseId + "|" + what;
    }

    /** The enterprise and the id in a key made by {@link #ofEnterprise}. */
    record EnterpriseAndId(String enterpriseId, String id) {

        /** A key of the enterprise's own, without the window: the id's length keeps the parts apart. */
        String key() {
            return enterpriseId.length() + ":" + enterpriseId + "|" + id;
        }
    }

    static EnterpriseAndId enterpriseAndId(String key) {
        int colon = key.indexOf(':', START_DIGITS + 1);
        int length = Integer.parseInt(key.substring(START_DIGITS + 1, colon));
        String enterpriseId = key.substring(colon + 1, colon + 1 + length);
        return new EnterpriseAndId(enterpriseId, key.substring(colon + 2 + length));
    }

    /** The key of a window itself: its start as 19 digits. */
    public static String window(long windowStart) {
        return start(windowStart);
    }

    /** A key of something in a window: the window's key, '|', then {@code rest}. */
    public static String inWindow(long windowStart, String rest) {
        return start(windowStart) + "|" + rest;
    }

    /** The window start a key made here begins with. */
    public static long windowOf(String key) {
        return Long.parseLong(key.substring(0, START_DIGITS));
    }

    /** What follows the window in a key made by {@link #inWindow}. */
    public static String restOf(String key) {
        return key.substring(START_DIGITS + 1);
    }

    /** Lowest key of any window. */
    public static String first() {
        return start(0);
    }

    /**
     * A bound just above every key of windows starting at or before {@code windowStart}: no key equals it,
     * and keys of later windows sort after it.
     */
    public static String after(long windowStart) {
        return start(windowStart + 1);
    }

    private static String start(long windowStart) {
        String digits = Long.toString(windowStart);
        return "0".repeat(START_DIGITS - digits.length()) + digits;
    }
}
