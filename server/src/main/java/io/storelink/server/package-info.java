/**
 * The HTTP API of {@code storelink serve}: Javalin on Jetty over core's services, a bearer token, one problem
 * document for every error, and the OpenAPI 3.1 document that describes it ({@code openapi.json} beside these
 * classes).
 */
package io.storelink.server;
