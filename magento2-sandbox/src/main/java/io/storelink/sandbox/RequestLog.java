package io.storelink.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The requests a sandbox received, oldest first; keeps the latest 100,000. Thread-safe. */
public final class RequestLog {
    private static final int CAPACITY = 100_000;

    private final Deque<LoggedRequest> entries = new ArrayDeque<>();

    public synchronized List<LoggedRequest> entries() {
        return List.copyOf(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    synchronized void add(LoggedRequest entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }
}
