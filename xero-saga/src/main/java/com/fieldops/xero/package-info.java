/**
 * Xero for FieldOps, running inside the command-side process. This package is the port the sync sagas call
 * ({@link com.fieldops.xero.XeroPort}) with its records, exceptions and settings; {@code connection} keeps each
 * organisation's connection and tokens (encrypted) and serves /api/xero; {@code ratelimit} is the per-tenant limiter
 * every process shares through PostgreSQL; {@code gateway} is the port's adapter on xero-java.
 */
package com.fieldops.xero;
