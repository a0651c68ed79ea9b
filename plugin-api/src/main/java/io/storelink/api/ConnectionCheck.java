package io.storelink.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of a connection test: an ordered list of steps, each with a stable code.
 *
 * @param steps the steps in the order they ran
 * @since 1.0.0
 */
public record ConnectionCheck(List<Step> steps) {

    public ConnectionCheck {
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
    }

    /** @return whether no step failed */
    public boolean passed() {
        return steps.stream().noneMatch(step -> step.outcome() == Outcome.FAILED);
    }

    /** How a step ended. */
    public enum Outcome {
        /** The step's condition holds. */
        PASSED,
        /** The step's condition does not hold; {@link Step#remedy()} says what to do. */
        FAILED,
        /** An earlier failure made this step meaningless, or it does not apply. */
        SKIPPED
    }

    /**
     * One diagnostic step.
     *
     * @param code stable code, for example {@code magento2.token-accepted}; UIs and docs key on it
     * @param title what the step checks, for people
     * @param outcome how it ended
     * @param detail what was observed
     * @param remedy what to do when it failed; empty otherwise
     */
    public record Step(String code, String title, Outcome outcome, String detail, String remedy) {
        public Step {
            requireNonNull(code, "code is null");
            requireNonNull(title, "title is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(detail, "detail is null");
            requireNonNull(remedy, "remedy is null");
        }

        /**
         * @return a step whose condition holds
         * @since 1.2.0
         */
        public static Step passed(String code, String title, String detail) {
            return new Step(code, title, Outcome.PASSED, detail, "");
        }

        /**
         * @return a step whose condition does not hold, with what to do about it
         * @since 1.2.0
         */
        public static Step failed(String code, String title, String detail, String remedy) {
            if (remedy == null || remedy.isBlank()) {
                throw new IllegalArgumentException("a failed step says what to do: remedy is blank for " + code);
            }
            return new Step(code, title, Outcome.FAILED, detail, remedy);
        }

        /**
         * @return a step that did not run, saying why (usually the failed step before it)
         * @since 1.2.0
         */
        public static Step skipped(String code, String title, String why) {
            return new Step(code, title, Outcome.SKIPPED, why, "");
        }
    }
}
