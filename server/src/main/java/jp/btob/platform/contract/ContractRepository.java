package jp.btob.platform.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.ContractStatus;
import jp.btob.platform.api.model.ContractType;
import jp.btob.platform.api.model.TradeSide;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.trade.TradeList;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Contracts, their revisions and agreements. Every change of a contract is one statement that
 * re-checks the state and the version it starts from; nothing is ever deleted (the database
 * refuses it), revisions and agreements are only added.
 */
@Repository
class ContractRepository {

    private static final String SELECT = """
            SELECT c.*, a.code AS a_code, a.name AS a_name, b.code AS b_code, b.name AS b_name
            FROM contract c
            JOIN company a ON a.id = c.party_a_id
            JOIN company b ON b.id = c.party_b_id
            """;

    private final DatabaseClient db;

    ContractRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A new UUID, drawn by PostgreSQL so that no random source is read on the event loop. */
    Mono<UUID> newId() {
        return db.sql("SELECT gen_random_uuid() AS id").map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<Void> insert(UUID id, UUID drafterId, UUID counterpartyId, TradeSide drafterSide, UUID createdBy,
                      Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO contract (id, party_a_id, party_b_id, drafter_side, status, version, revision,
                                              created_by, created_at, updated_at)
                        VALUES (:id, :a, :b, :side, 'DRAFT', 1, 1, :createdBy, :now, :now)
                        """)
                .bind("id", id)
                .bind("a", drafterId)
                .bind("b", counterpartyId)
                .bind("side", drafterSide.getValue())
                .bind("now", now);
        return TradeList.nullable(spec, "createdBy", createdBy, UUID.class).then();
    }

    /** Adds a revision; its body is already encrypted under the drafter's data key with the row's ID. */
    Mono<Void> insertRevision(UUID id, UUID contractId, int revision, UUID drafterId, ContractTerms terms,
                              byte[] ciphertext, String sha256, UUID createdBy, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO contract_revision (id, contract_id, revision, company_id, title, contract_type,
                                                       amount, effective_date, expiry_date, renewal_date, auto_renew,
                                                       body, body_sha256, created_by, created_at)
                        VALUES (:id, :contract, :revision, :company, :title, :type, :amount, :effective, :expiry,
                                :renewal, :autoRenew, :body, :sha256, :createdBy, :now)
                        """)
                .bind("id", id)
                .bind("contract", contractId)
                .bind("revision", revision)
                .bind("company", drafterId)
                .bind("title", terms.title())
                .bind("type", terms.contractType().getValue())
                .bind("effective", terms.effectiveDate())
                .bind("expiry", terms.expiryDate())
                .bind("autoRenew", terms.autoRenew())
                .bind("body", ciphertext)
                .bind("sha256", sha256)
                .bind("now", now);
        spec = TradeList.nullable(spec, "amount", terms.amount(), Long.class);
        spec = TradeList.nullable(spec, "renewal", terms.renewalDate(), LocalDate.class);
        return TradeList.nullable(spec, "createdBy", createdBy, UUID.class).then();
    }

    Mono<ContractRow> find(UUID id) {
        return db.sql(SELECT + " WHERE c.id = :id").bind("id", id).map((row, meta) -> map(row)).one();
    }

    Mono<StoredRevision> revision(UUID contractId, int revision) {
        return db.sql("SELECT * FROM contract_revision WHERE contract_id = :contract AND revision = :revision")
                .bind("contract", contractId)
                .bind("revision", revision)
                .map((row, meta) -> mapRevision(row))
                .one();
    }

    Flux<Agreement> agreements(UUID contractId) {
        return db.sql("SELECT * FROM contract_agreement WHERE contract_id = :contract ORDER BY agreed_at, company_id")
                .bind("contract", contractId)
                .map((row, meta) -> new Agreement(row.get("company_id", UUID.class), row.get("revision", Integer.class),
                        row.get("body_sha256", String.class), row.get("signer_id", UUID.class),
                        row.get("signer_name", String.class), row.get("agreed_at", Instant.class)))
                .all();
    }

    /**
     * Moves the contract in one statement, only if it is still at the version the caller read and
     * in a state the action starts from: of two concurrent changes, exactly one wins. {@code revision}
     * is the contract's revision after the change; {@code note} the reason given, if any.
     */
    Mono<Boolean> move(UUID id, int version, ContractAction action, ContractStatus to, int revision, String note,
                       Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE contract SET
                            status = :to,
                            version = version + 1,
                            revision = :revision,
                            sent_at = CASE WHEN :to = 'SENT' THEN COALESCE(sent_at, :now) ELSE sent_at END,
                            response_note = COALESCE(:note, response_note),
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status IN (:from)
                        """)
                .bind("to", to.getValue())
                .bind("revision", revision)
                .bind("from", action.from().stream().map(ContractStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now);
        return TradeList.nullable(spec, "note", note, String.class).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Records a party's agreement, with the signer's display name when the signer is a user. */
    Mono<Void> agree(UUID contractId, UUID companyId, int revision, String sha256, String signerType, UUID signerId,
                     Instant now) {
        return db.sql("""
                        INSERT INTO contract_agreement (contract_id, company_id, revision, body_sha256, signer_type,
                                                        signer_id, signer_name, agreed_at)
                        VALUES (:contract, :company, :revision, :sha256, :signerType, :signer,
                                (SELECT display_name FROM app_user WHERE id = :signer AND company_id = :company), :now)
                        """)
                .bind("contract", contractId)
                .bind("company", companyId)
                .bind("revision", revision)
                .bind("sha256", sha256)
                .bind("signerType", signerType)
                .bind("signer", signerId)
                .bind("now", now)
                .then();
    }

    /**
     * A page of the contracts the company drafted or is the counterparty of (drafts of others
     * excepted), oldest first. {@code expiringBy} keeps the agreed contracts whose current
     * revision expires from {@code today} to that date.
     */
    Flux<ContractRow> list(UUID companyId, ContractStatus status, UUID partnerId, LocalDate today,
                           LocalDate expiringBy, PageCursor after, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + """
                         WHERE (c.party_a_id = :company OR (c.party_b_id = :company AND c.sent_at IS NOT NULL))
                           AND (CAST(:status AS text) IS NULL OR c.status = :status)
                           AND (CAST(:partner AS uuid) IS NULL OR c.party_a_id = :partner OR c.party_b_id = :partner)
                           AND (CAST(:expiringBy AS date) IS NULL OR (c.status = 'AGREED' AND EXISTS (
                                SELECT 1 FROM contract_revision r WHERE r.contract_id = c.id AND r.revision = c.revision
                                AND r.expiry_date BETWEEN :today AND :expiringBy)))
                           AND (CAST(:afterAt AS timestamptz) IS NULL OR (c.created_at, c.id) > (:afterAt, :afterId))
                         ORDER BY c.created_at, c.id
                         LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("today", today)
                .bind("limit", fetch);
        spec = TradeList.nullable(spec, "status", status == null ? null : status.getValue(), String.class);
        spec = TradeList.nullable(spec, "partner", partnerId, UUID.class);
        spec = TradeList.nullable(spec, "expiringBy", expiringBy, LocalDate.class);
        spec = TradeList.nullable(spec, "afterAt", after == null ? null : after.at(), Instant.class);
        spec = TradeList.nullable(spec, "afterId", after == null ? null : after.id(), UUID.class);
        return spec.map((row, meta) -> map(row)).all();
    }

    private static ContractRow map(Readable row) {
        return new ContractRow(
                row.get("id", UUID.class),
                new CompanyRef(row.get("party_a_id", UUID.class), row.get("a_code", String.class),
                        row.get("a_name", String.class)),
                new CompanyRef(row.get("party_b_id", UUID.class), row.get("b_code", String.class),
                        row.get("b_name", String.class)),
                TradeSide.fromValue(row.get("drafter_side", String.class)),
                ContractStatus.fromValue(row.get("status", String.class)),
                row.get("version", Integer.class),
                row.get("revision", Integer.class),
                row.get("sent_at", Instant.class) != null,
                row.get("response_note", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

    private static StoredRevision mapRevision(Readable row) {
        return new StoredRevision(
                row.get("id", UUID.class),
                row.get("contract_id", UUID.class),
                row.get("revision", Integer.class),
                row.get("company_id", UUID.class),
                new ContractTerms(row.get("title", String.class),
                        ContractType.fromValue(row.get("contract_type", String.class)),
                        row.get("amount", Long.class), row.get("effective_date", LocalDate.class),
                        row.get("expiry_date", LocalDate.class), row.get("renewal_date", LocalDate.class),
                        Boolean.TRUE.equals(row.get("auto_renew", Boolean.class)), null),
                row.get("body", byte[].class),
                row.get("body_sha256", String.class),
                row.get("created_at", Instant.class));
    }
}
