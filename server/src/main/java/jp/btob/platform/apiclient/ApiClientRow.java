package jp.btob.platform.apiclient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;

/** An API client as its administrators see it: never a secret, only the current one's first characters. */
record ApiClientRow(UUID id, String name, List<Permission> scopes, Instant expiresAt, Instant createdAt,
                    Instant lastUsedAt, String secretPrefix, Instant secretCreatedAt,
                    Instant previousSecretValidUntil) {
}
