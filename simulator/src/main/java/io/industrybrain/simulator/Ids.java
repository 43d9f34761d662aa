package io.industrybrain.simulator;

/**
 * How the simulated fleet spells its identifiers. Every id of a device, line, batch or shift
 * starts with the id of its enterprise, so a reader can tell where a record came from.
 */
final class Ids {

    private static final String[] NAME_HEADS = {
        "Hong", "Xin", "Tian", "Hua", "Jin", "Rui", "Long", "Sheng",
        "Heng", "Yuan", "Feng", "Kai", "Tong", "Mei", "Bao", "Zhong"};
    private static final String[] NAME_TAILS = {
        "da", "xing", "yu", "tai", "chuang", "ke", "neng", "fa",
        "lian", "cheng", "yi", "tong", "sheng", "hui", "li", "an"};

    private Ids() { }

    /** {@code E0000001} for the first enterprise. */
    static String enterpriseId(int index) {
        return "E" + pad(index + 1, 7);
    }

    /** {@code U0000001}: an enterprise that has no reference data, used by unknown-enterprise faults. */
    static String unknownEnterpriseId(int index) {
        return "U" + pad(index + 1, 7);
    }

    /** {@code E0000001-M0001} for the first machine of an enterprise; built for every sample, so built by hand. */
    static String deviceId(String enterpriseId, int localIndex) {
        String number = Integer.toString(localIndex + 1);
        StringBuilder id = new StringBuilder(enterpriseId.length() + 2 + Math.max(4, number.length()))
                .append(enterpriseId).append("-M");
        for (int i = number.length(); i < 4; i++) {
            id.append('0');
        }
        return id.append(number).toString();
    }

    /** {@code E0000001-L01} for the first line of an enterprise. */
    static String lineId(String enterpriseId, int localIndex) {
        return enterpriseId + "-L" + pad(localIndex + 1, 2);
    }

    /** The one telemetry gateway of an enterprise; an outage takes it down. */
    static String gatewayId(String enterpriseId) {
        return enterpriseId + "-GW";
    }

    /** {@code E0000001-L01-B1767225600}: a batch is named by its line and the second it finished. */
    static String batchId(String lineId, long eventTimeMillis) {
        return lineId + "-B" + Math.floorDiv(eventTimeMillis, 1000);
    }

    /** {@code E0000001-S1767225600}: a shift is named by its enterprise and the second it ended. */
    static String shiftId(String enterpriseId, long eventTimeMillis) {
        return enterpriseId + "-S" + Math.floorDiv(eventTimeMillis, 1000);
    }

    /** A made-up but stable registered name, e.g. "Hongda Manufacturing Co., Ltd.". */
    static String enterpriseName(int index) {
        int combinations = NAME_HEADS.length * NAME_TAILS.length;
        String name = NAME_HEADS[index % NAME_HEADS.length] + NAME_TAILS[(index / NAME_HEADS.length) % NAME_TAILS.length];
        int generation = index / combinations;
        return name + " Manufacturing Co., Ltd." + (generation == 0 ? "" : " No. " + (generation + 1));
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        StringBuilder padded = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            padded.append('0');
        }
        return padded.append(digits).toString();
    }
}
