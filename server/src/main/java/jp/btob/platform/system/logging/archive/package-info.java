/**
 * Encrypted log archives with an enforced retention period (OPS-LOG, whitepaper 3-3): the job
 * that seals rolled log files and deletes expired archives, the archive format, and the
 * operator's command that reads an archive back.
 */
package jp.btob.platform.system.logging.archive;
