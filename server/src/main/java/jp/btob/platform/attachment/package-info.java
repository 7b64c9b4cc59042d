/**
 * Files attached to trade documents (SEC-AV, SEC-ENC): streamed in under the company's size
 * limit, hashed, encrypted at rest under the uploader's data key, scanned by clamd before anyone
 * may download them, quarantined when infected, and scanned again later when the scanner was
 * unreachable.
 */
package jp.btob.platform.attachment;
