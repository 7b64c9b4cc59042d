package jp.btob.platform.contract;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The daily reminders of agreed contracts' expiry and renewal notice dates, by e-mail to both parties. */
class ContractReminderTests extends ContractTest {

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private ContractReminderJob job;

    @Test
    @DisplayName("[SVC-CON] two runs at once send each due reminder once, by e-mail to the users of both parties holding contract:write (administrators and staff), naming the contract, its date and partner; none for a contract not yet agreed, cancelled, or due beyond 30 days, none to a user without contract:write or to another company; a third run sends nothing")
    void remindWhenRunTwiceAtOnceThenEachReminderOnce() throws Exception {
        Trade trade = trade("契約満了通知");
        Trade other = trade("契約満了通知別");
        UUID soon = agreed(trade, "満了間近の契約", 5, null);
        UUID renewing = agreed(trade, "更新通知の契約", 50, 20);
        agreed(trade, "満了が先の契約", 31, null);
        dueIn(trade, "SENT", "未合意の契約", 5);
        dueIn(trade, "CANCELLED", "取消の契約", 5);
        UUID elsewhere = agreed(other, "別取引先の契約", 3, null);
        String reader = emailOf(fixtures.userWith(trade.buyer().id(), List.of("contract:read", "document:read"),
                List.of()));
        String sellerAdmin = emailOf(trade.seller().adminLoginId());
        String buyerAdmin = emailOf(trade.buyer().adminLoginId());
        String sellerStaff = emailOf(trade.seller().staffLoginId());
        String buyerStaff = emailOf(trade.buyer().staffLoginId());
        String otherAdmin = emailOf(other.seller().adminLoginId());

        long before = sql.count("SELECT count(*) FROM contract_reminder");
        List<Long> sent = Concurrently.all(2, i -> job.remind().block());
        long claimed = sql.count("SELECT count(*) FROM contract_reminder") - before;
        assertThat(claimed).isGreaterThanOrEqualTo(3);
        assertThat(sent.stream().mapToLong(Long::longValue).sum()).isEqualTo(claimed);
        assertThat(reminders(soon)).containsExactly("expiry " + day(5) + " 7");
        assertThat(reminders(renewing)).containsExactly("renewal " + day(20) + " 30");
        assertThat(reminders(elsewhere)).containsExactly("expiry " + day(3) + " 7");
        assertThat(sql.count("SELECT count(*) FROM contract_reminder r JOIN contract c ON c.id = r.contract_id"
                + " WHERE c.party_a_id = ?", trade.buyer().id())).isEqualTo(2);
        assertThat(job.remind().block()).isZero();

        for (String admin : List.of(sellerAdmin, buyerAdmin)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(admin).size() >= 2);
            assertThat(mailTo(admin)).extracting(ContractReminderTests::subject).containsExactlyInAnyOrder(
                    "[BtoB Platform] Contract expires on " + day(5) + ": 満了間近の契約",
                    "[BtoB Platform] Contract reaches its renewal notice date on " + day(20) + ": 更新通知の契約");
        }
        String partner = trade.seller().name();
        assertThat(mailTo(buyerAdmin)).filteredOn(mail -> subject(mail).contains("満了間近")).singleElement()
                .satisfies(mail -> assertThat(text(mail)).contains("満了間近の契約", day(5).toString(), "in 5 days",
                        partner, "/api/v1/contracts/" + soon).doesNotContain("第1条"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(otherAdmin).size() >= 1);
        assertThat(mailTo(otherAdmin)).extracting(ContractReminderTests::subject).singleElement().asString()
                .contains("別取引先の契約");
        assertThat(outbox(soon)).containsExactlyInAnyOrder(sellerAdmin, sellerStaff, buyerAdmin, buyerStaff);
        assertThat(outbox(renewing)).containsExactlyInAnyOrder(sellerAdmin, sellerStaff, buyerAdmin, buyerStaff);
        assertThat(mailTo(reader)).isEmpty();
        assertThat(sql.count("SELECT count(*) FROM notification WHERE recipient = ?", reader)).isZero();
    }

    @Test
    @DisplayName("[SVC-CON] each threshold of notice-days (30, 7, 1) reminds once: a contract found at 7 days is not reminded again at 2 days left, and is at 1 day left, by the platform's clock")
    void remindWhenNextThresholdReachedThenRemindedAgain() {
        Trade trade = trade("契約満了段階");
        UUID contract = agreed(trade, "段階通知の契約", 6, null);
        LocalDate expiry = day(6);
        assertThat(job.remind().block()).isGreaterThanOrEqualTo(1);
        clock.advance(Duration.ofDays(4));
        job.remind().block();
        assertThat(reminders(contract)).containsExactly("expiry " + expiry + " 7");
        clock.advance(Duration.ofDays(1));
        job.remind().block();
        assertThat(reminders(contract)).containsExactly("expiry " + expiry + " 1", "expiry " + expiry + " 7");
        assertThat(outbox(contract)).hasSize(8);
    }

    /** An agreed contract drafted by the trade's buyer expiring {@code expiresIn} days from today, with a renewal date or none. */
    private UUID agreed(Trade trade, String title, int expiresIn, Integer renewalIn) {
        Map<String, Object> draft = draftFor(trade.seller().id(), title, "第1条 " + title);
        draft.put("expiryDate", day(expiresIn).toString());
        if (renewalIn == null) {
            draft.remove("renewalDate");
        }
        else {
            draft.put("renewalDate", day(renewalIn).toString());
        }
        Map<String, Object> contract = drafting(trade.asBuyer(), draft).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        contract = moved(trade.asBuyer(), contract, "send", null);
        contract = moved(trade.asSeller(), contract, "agree", agreement(contract));
        contract = moved(trade.asBuyer(), contract, "agree", agreement(contract));
        return UUID.fromString((String) contract.get("id"));
    }

    /** A contract taken to {@code state} whose expiry is moved, at rest, to {@code days} from today. */
    private void dueIn(Trade trade, String state, String title, int days) {
        Object id = inState(trade, state, title).get("id");
        assertThat(sql.update("UPDATE contract_revision SET expiry_date = ?, renewal_date = NULL WHERE contract_id = ?",
                day(days), UUID.fromString((String) id))).isOne();
    }

    /** The reminders sent of the contract, as "kind date days-before", sorted. */
    private List<String> reminders(UUID contract) {
        return sql.rows("SELECT kind || ' ' || due_date || ' ' || days_before AS reminder FROM contract_reminder"
                + " WHERE contract_id = ? ORDER BY 1", contract).stream()
                .map(row -> (String) row.get("reminder")).toList();
    }

    /** The recipients of the reminders of the contract enqueued so far. */
    private List<Object> outbox(UUID contract) {
        return sql.rows("SELECT recipient FROM notification WHERE topic_type = ? AND topic_id = ?",
                ContractReminderJob.TOPIC, contract).stream().map(row -> row.get("recipient")).toList();
    }

    private LocalDate day(int days) {
        return today().plusDays(days);
    }

    private String emailOf(String loginId) {
        return (String) sql.rows("SELECT email FROM app_user WHERE login_id = ?", loginId).get(0).get("email");
    }

    /** The reminders the SMTP server has received for this address so far. */
    private static List<MimeMessage> mailTo(String address) {
        return Receivers.mailTo(address).stream()
                .filter(message -> subject(message).startsWith("[BtoB Platform] Contract ")).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
