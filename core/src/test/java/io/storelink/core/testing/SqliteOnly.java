package io.storelink.core.testing;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of what only the SQLite engine has (its file, its page size, WAL, its file lock, its size limit): it runs
 * in the suite's SQLite run and is reported as not run, with this reason, in its PostgreSQL run. Each use says which
 * SQLite property it checks.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(named = TestDatabases.PROPERTY, matches = "postgres",
        disabledReason = "checks a property of the SQLite file, which PostgreSQL has no counterpart of")
public @interface SqliteOnly {
}
