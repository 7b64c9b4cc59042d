-- Files attached to trade documents (SEC-AV, SEC-ENC, SVC-BOOK). The bytes are kept in the
-- system of record itself, as AES-256-GCM ciphertext under the uploading company's data key
-- (crypto.FieldEncryption, associated data attachment:content:<id>), so backups, replicas and
-- the 7-year retention cover them with the documents they belong to. document_type names the
-- kind as the API does; the document is looked up per kind (attachment.AttachableKind).
CREATE TABLE attachment (
    id            uuid PRIMARY KEY,
    document_type text        NOT NULL CHECK (document_type ~ '^[a-z][a-z-]{0,39}$'),
    document_id   uuid        NOT NULL,
    company_id    uuid        NOT NULL REFERENCES company (id),
    actor_type    text        NOT NULL,
    actor_id      uuid,
    filename      text        NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    media_type    text        NOT NULL,
    size          bigint      NOT NULL CHECK (size >= 0),
    sha256        bytea       NOT NULL CHECK (length(sha256) = 32),
    content       bytea       NOT NULL,
    status        text        NOT NULL CHECK (status IN ('PENDING_SCAN', 'AVAILABLE', 'QUARANTINED')),
    signature     text CHECK (length(signature) <= 200),
    scan_attempts integer     NOT NULL DEFAULT 0,
    next_scan_at  timestamptz NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    scanned_at    timestamptz,
    CHECK ((status = 'QUARANTINED') = (signature IS NOT NULL)),
    CHECK ((status = 'PENDING_SCAN') = (scanned_at IS NULL))
);
CREATE INDEX attachment_document ON attachment (document_type, document_id, uploaded_at, id);
CREATE INDEX attachment_pending ON attachment (next_scan_at) WHERE status = 'PENDING_SCAN';

-- An attachment is kept unaltered: what was uploaded, by whom, to which document, and its
-- SHA-256 never change, and no row is removed. Only the scan's outcome is written, once, from
-- PENDING_SCAN; the ciphertext may be rewritten by a data-key re-encryption, which keeps the
-- plaintext (and so the recorded SHA-256) as it was.
CREATE FUNCTION attachment_keep_unaltered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'attachments are kept: % on % is refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR NEW.document_type <> OLD.document_type OR NEW.document_id <> OLD.document_id
            OR NEW.company_id <> OLD.company_id OR NEW.actor_type <> OLD.actor_type
            OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
            OR NEW.filename <> OLD.filename OR NEW.media_type <> OLD.media_type OR NEW.size <> OLD.size
            OR NEW.sha256 <> OLD.sha256 OR NEW.uploaded_at <> OLD.uploaded_at THEN
        RAISE EXCEPTION 'an attachment''s file and record are kept unaltered'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status <> 'PENDING_SCAN' AND (NEW.status <> OLD.status OR NEW.scanned_at IS DISTINCT FROM OLD.scanned_at
            OR NEW.signature IS DISTINCT FROM OLD.signature) THEN
        RAISE EXCEPTION 'an attachment''s scan outcome is written once'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER attachment_kept BEFORE UPDATE OR DELETE ON attachment
    FOR EACH ROW EXECUTE FUNCTION attachment_keep_unaltered();
CREATE TRIGGER attachment_no_truncate BEFORE TRUNCATE ON attachment
    FOR EACH STATEMENT EXECUTE FUNCTION attachment_keep_unaltered();
ALTER TABLE attachment ENABLE ALWAYS TRIGGER attachment_kept;
ALTER TABLE attachment ENABLE ALWAYS TRIGGER attachment_no_truncate;
