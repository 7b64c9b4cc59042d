/**
 * Idempotent creates (PLT-IDEM): a retry of a POST with the same {@code Idempotency-Key} answers
 * the first answer instead of creating a second document.
 */
package jp.btob.platform.system.idempotency;
