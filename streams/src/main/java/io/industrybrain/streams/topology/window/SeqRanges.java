package io.industrybrain.streams.topology.window;

import java.util.ArrayList;
import java.util.List;

/**
 * The seqs of a device counted in a window, as sorted, disjoint, non-adjacent inclusive ranges
 * {@code [first0, last0, first1, last1, ...]}: a device that reports in order keeps a single range, so the record
 * stays a few bytes long however many samples it sends, and a resend (the same seq again) is found in it.
 */
final class SeqRanges {

    private SeqRanges() { }

    static boolean contains(List<Long> ranges, long seq) {
        int low = 0;
        int high = ranges.size() / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (seq < ranges.get(2 * mid)) {
                high = mid - 1;
            } else if (seq > ranges.get(2 * mid + 1)) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The ranges with {@code seq} added; {@code seq} must not be in them. */
    static List<Long> with(List<Long> ranges, long seq) {
        List<Long> result = new ArrayList<>(ranges.size() + 2);
        boolean placed = false;
        for (int i = 0; i < ranges.size(); i += 2) {
            long first = ranges.get(i);
            long last = ranges.get(i + 1);
            if (!placed && seq < first) {
                placed = true;
                if (seq == first - 1) {
                    first = seq;
                } else {
                    result.add(seq);
                    result.add(seq);
                }
            } else if (!placed && seq == last + 1) {
                placed = true;
                last = seq;
                // the next range may now touch this one
                if (i + 2 < ranges.size() && ranges.get(i + 2) == seq + 1) {
                    last = ranges.get(i + 3);
                    i += 2;
                }
            }
            append(result, first, last);
        }
        if (!placed) {
            result.add(seq);
            result.add(seq);
        }
        return result;
    }

    /** Appends a range, merging it into the previous one when they touch. */
    private static void append(List<Long> result, long first, long last) {
        int n = result.size();
        if (n > 0 && result.get(n - 1) == first - 1) {
            result.set(n - 1, last);
        } else {
            result.add(first);
            result.add(last);
        }
    }
}
