/**
 * The Xero port, its xero-java adapter, the per-tenant rate limiter, the token store and the sync sagas. They run inside
 * the command-side process; the Xero issue fills this module.
 */
package com.fieldops.xero;
