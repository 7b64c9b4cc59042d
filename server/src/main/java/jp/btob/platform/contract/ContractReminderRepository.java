package jp.btob.platform.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The agreed contracts coming due, and the reminders sent of them (migration {@code V32}). */
@Repository
class ContractReminderRepository {

    private final DatabaseClient db;

    ContractReminderRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The expiry and renewal notice dates, from {@code today} to {@code until}, of the agreed
     * contracts' current revisions, soonest first; cancelled and not yet agreed contracts have none.
     */
    Flux<Due> due(LocalDate today, LocalDate until) {
        return db.sql("""
                        SELECT c.id, c.party_a_id, c.party_b_id, a.name AS a_name, b.name AS b_name, r.title,
                               d.kind, d.due_date
                        FROM contract c
                             JOIN contract_revision r ON r.contract_id = c.id AND r.revision = c.revision
                             JOIN company a ON a.id = c.party_a_id
                             JOIN company b ON b.id = c.party_b_id
                             CROSS JOIN LATERAL (VALUES ('expiry', r.expiry_date), ('renewal', r.renewal_date))
                                 AS d (kind, due_date)
                        WHERE c.status = 'AGREED' AND d.due_date BETWEEN :today AND :until
                        ORDER BY d.due_date, c.id, d.kind
                        """)
                .bind("today", today)
                .bind("until", until)
                .map((row, meta) -> new Due(row.get("id", UUID.class), row.get("party_a_id", UUID.class),
                        row.get("a_name", String.class), row.get("party_b_id", UUID.class),
                        row.get("b_name", String.class), row.get("title", String.class),
                        Kind.valueOf(row.get("kind", String.class).toUpperCase(Locale.ROOT)), row.get("due_date", LocalDate.class)))
                .all();
    }

    /**
     * Claims the reminder: true if this call wrote it, false if it was sent before. A concurrent
     * claim of the same reminder waits for this one's transaction and then answers false.
     */
    Mono<Boolean> claim(Due due, int daysBefore, Instant now) {
        return db.sql("""
                        INSERT INTO contract_reminder (contract_id, kind, due_date, days_before, sent_at)
                        VALUES (:contract, :kind, :due, :days, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("contract", due.contractId())
                .bind("kind", due.kind().value())
                .bind("due", due.date())
                .bind("days", daysBefore)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Which date of a contract comes due, with what the reminder says of it. */
    enum Kind {

        EXPIRY("expires"),
        RENEWAL("reaches its renewal notice date");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }

        /** As {@code contract_reminder.kind} stores it. */
        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        String verb() {
            return verb;
        }
    }

    /** A date of an agreed contract coming due, with both parties named. */
    record Due(UUID contractId, UUID partyAId, String partyAName, UUID partyBId, String partyBName, String title,
               Kind kind, LocalDate date) {
    }
}
