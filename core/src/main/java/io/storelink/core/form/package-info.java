/** Validation of raw string input against a platform's forms, and their rendering as JSON Schema 2020-12. */
package io.storelink.core.form;
