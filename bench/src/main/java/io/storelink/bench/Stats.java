package io.storelink.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The measured samples of one figure, warm-up runs excluded, and their median.
 *
 * @param samples the measured values, in the order they were taken
 */
record Stats(List<Double> samples) {

    Stats {
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples is empty");
        }
    }

    static Stats of(List<Double> samples) {
        return new Stats(samples);
    }

    /** @return the median; the mean of the two middle values for an even count */
    double median() {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return Collections.min(samples);
    }

    double max() {
        return Collections.max(samples);
    }

    /** @return for example {@code "1234.5 ms (n=5, min 1200.1, max 1300.0)"} */
    String describeMillis() {
        return String.format(Locale.ROOT, "%.1f ms (n=%d, min %.1f, max %.1f)", median(), samples.size(), min(), max());
    }
}
