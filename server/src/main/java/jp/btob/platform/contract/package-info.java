/**
 * Contracts (SVC-CON): a contract one company drafts with a connected partner, revises (every
 * revision kept), sends, and both agree to the same revision, each agreement recording the signer,
 * the company, the time and the SHA-256 of the revision's body. The body is encrypted at rest
 * under the drafter's data key (SEC-ENC); every step from the first sending on is kept in the
 * contract's history ({@code bookkeeping}).
 */
package jp.btob.platform.contract;
