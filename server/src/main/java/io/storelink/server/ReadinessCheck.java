package io.storelink.server;

/**
 * One check of {@code /health/ready}. The server asks every bound check (a Guice multibinding of this type); the
 * process is ready when all pass. Core's database and plugins have theirs ({@link ReadinessChecks}); others, the
 * scheduler's for one, add their own with {@code Multibinder.newSetBinder(binder(), ReadinessCheck.class)}.
 */
public interface ReadinessCheck {

    /** @return a short stable name, e.g. {@code database} */
    String name();

    /**
     * @return the outcome; a check that throws counts as failed with the exception's message
     */
    Result check();

    /**
     * @param ok whether it passed
     * @param detail what was found, for people; never a secret
     */
    record Result(boolean ok, String detail) {
        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }
}
