package jp.btob.platform.crypto;

import java.util.UUID;

/** A data key as stored: wrapped by the master key it names. */
record DataKeyRow(UUID id, UUID companyId, int version, String masterKeyId, byte[] wrappedKey, DataKeyState state) {
}
