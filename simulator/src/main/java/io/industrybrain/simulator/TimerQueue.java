package io.industrybrain.simulator;

/**
 * A binary min-heap of recurring timers in two primitive arrays: a due time and a timer id
 * each. Ties go to the smaller id, so the order of events is fully determined. Timers are never
 * removed, only rescheduled: the queue's size is fixed once the fleet is set up.
 */
final class TimerQueue {

    private final long[] due;
    private final int[] ids;
    private int size;

    TimerQueue(int capacity) {
        due = new long[capacity];
        ids = new int[capacity];
    }

    void schedule(int id, long dueMillis) {
        int i = size++;
        due[i] = dueMillis;
        ids[i] = id;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    /** Due time of the earliest timer, {@link Long#MAX_VALUE} when there is none. */
    long nextDue() {
        return size == 0 ? Long.MAX_VALUE : due[0];
    }

    int nextId() {
        return ids[0];
    }

    /** Moves the earliest timer to a new due time. */
    void rescheduleNext(long dueMillis) {
        due[0] = dueMillis;
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && before(left + 1, left) ? left + 1 : left;
            if (!before(child, i)) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private boolean before(int a, int b) {
        return due[a] < due[b] || (due[a] == due[b] && ids[a] < ids[b]);
    }

    private void swap(int a, int b) {
        long dueA = due[a];
        due[a] = due[b];
        due[b] = dueA;
        int idA = ids[a];
        ids[a] = ids[b];
        ids[b] = idA;
    }
}
