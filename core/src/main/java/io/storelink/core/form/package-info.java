/** Validation of raw string input against a platform's forms, and their rendering as JSON Schema (draft-07, or 2020-12 on request). */
package io.storelink.core.form;
