package io.storelink.core.form;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An export option given by name on the command line or in a query: its name, and how a name is read. */
interface ExportOption {

    /** @return the name a user types, e.g. {@code rjsf} */
    String label();

    /**
     * @param what the option, for the error, e.g. {@code renderer}
     * @param label what the user gave
     * @param options every value, in the order the error lists them
     * @return the value whose label matches, ignoring case and surrounding spaces
     * @throws IllegalArgumentException naming the value given and the ones expected
     */
    static <E extends Enum<E> & ExportOption> E parse(String what, String label, E[] options) {
        String normalized = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(options).filter(option -> option.label().equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a supported " + what
                        + "; expected " + Arrays.stream(options).map(ExportOption::label)
                        .collect(Collectors.joining(" or "))));
    }
}
