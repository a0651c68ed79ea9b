/** Retrying remote calls that failed for a passing reason, with backoff and the store's Retry-After. */
package io.storelink.core.retry;
