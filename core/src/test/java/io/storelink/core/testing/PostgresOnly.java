package io.storelink.core.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that needs the PostgreSQL server, which only the suite's PostgreSQL run starts (copying into it, comparing
 * the engines' schemas, its session settings): core's pom leaves the tag out of the SQLite run, so it is neither run
 * nor reported as skipped there.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(PostgresOnly.TAG)
public @interface PostgresOnly {

    /** The tag, as core's pom names it. */
    String TAG = "postgres-only";
}
