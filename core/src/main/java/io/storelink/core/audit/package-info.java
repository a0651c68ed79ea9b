/** The audit log of changes to connections (who, when, what; never a value). */
package io.storelink.core.audit;
