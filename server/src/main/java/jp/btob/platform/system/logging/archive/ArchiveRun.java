package jp.btob.platform.system.logging.archive;

/**
 * What one run of the archive job did.
 *
 * @param archived rolled files sealed into a new archive and deleted
 * @param expired  archives deleted because their file rolled longer ago than the retention period
 * @param failed   rolled files or archives that could not be handled; they are tried again next run
 */
record ArchiveRun(int archived, int expired, int failed) {
}
