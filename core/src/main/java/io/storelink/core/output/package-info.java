/** Writing what a command produces to a path: regular files replaced atomically, devices and FIFOs written through. */
package io.storelink.core.output;
