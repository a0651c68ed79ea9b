package io.storelink.core.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of what only the SQLite engine has (its file, its page size, WAL, its file lock, its size limit): it runs
 * in the suite's SQLite run only: core's pom leaves the tag out of the PostgreSQL run, so it is neither run nor
 * reported as skipped there. Each use says which
 * SQLite property it checks.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SqliteOnly.TAG)
public @interface SqliteOnly {

    /** The tag, as core's pom names it. */
    String TAG = "sqlite-only";
}
