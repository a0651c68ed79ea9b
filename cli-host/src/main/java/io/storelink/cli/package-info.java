/** The {@code storelink} command: a thin picocli layer over the core services. */
package io.storelink.cli;
