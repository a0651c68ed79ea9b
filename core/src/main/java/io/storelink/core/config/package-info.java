/** Host settings from typesafe-config: reference.conf, then application.conf, system properties and environment. */
package io.storelink.core.config;
