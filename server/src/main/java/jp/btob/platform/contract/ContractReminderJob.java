package jp.btob.platform.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jp.btob.platform.api.model.Permission;
import jp.btob.platform.contract.ContractReminderRepository.Due;
import jp.btob.platform.notify.Notifications;
import jp.btob.platform.notify.Topic;
import jp.btob.platform.permission.PermissionHolders;
import jp.btob.platform.system.Times;
import jp.btob.platform.trade.TradeDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reminds both parties of an agreed contract, once a day ({@code btob.contracts.expiry.cron}),
 * that its expiry date or its renewal notice date (in Japan) is near (SVC-CON): each of
 * {@code notice-days} before it, once. The reminder goes by e-mail to the active users of each
 * party who hold {@code contract:write}, those who may draft the renewal. Every instance may run
 * it: a reminder is claimed by a row with a unique key in the transaction that enqueues its
 * e-mails, so two runs at once send it once. The timer waits on the bounded-elastic scheduler,
 * never an event loop.
 */
@Component
public class ContractReminderJob implements SmartLifecycle {

    static final String TOPIC = "contract-reminder";

    private static final Logger log = LoggerFactory.getLogger(ContractReminderJob.class);

    private final ContractReminderRepository reminders;

    private final PermissionHolders holders;

    private final Notifications notifications;

    private final TransactionalOperator tx;

    private final ContractReminderProperties properties;

    private final Clock clock;

    private volatile Disposable schedule;

    ContractReminderJob(ContractReminderRepository reminders, PermissionHolders holders, Notifications notifications,
                        TransactionalOperator tx, ContractReminderProperties properties, Clock clock) {
        this.reminders = reminders;
        this.holders = holders;
        this.notifications = notifications;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** One run, now, by the platform's clock: answers how many reminders it sent. */
    public Mono<Long> remind() {
        LocalDate today = TradeDates.today(clock);
        Instant now = Times.now(clock);
        return reminders.due(today, today.plusDays(properties.horizon()))
                .concatMap(due -> {
                    int daysLeft = (int) ChronoUnit.DAYS.between(today, due.date());
                    return reminders.claim(due, properties.threshold(daysLeft), now)
                            .filter(Boolean::booleanValue)
                            .flatMap(claimed -> mailed(due, due.partyAId(), due.partyBName(), daysLeft)
                                    .then(mailed(due, due.partyBId(), due.partyAName(), daysLeft))
                                    .thenReturn(due))
                            .as(tx::transactional);
                })
                .count();
    }

    private Mono<Void> mailed(Due due, UUID companyId, String partnerName, int daysLeft) {
        Topic topic = new Topic(TOPIC, due.contractId());
        String subject = "[BtoB Platform] Contract " + due.kind().verb() + " on " + due.date() + ": " + due.title();
        String text = "A contract of your company " + due.kind().verb() + " on " + due.date()
                + (daysLeft == 0 ? ", today" : ", in " + daysLeft + (daysLeft == 1 ? " day" : " days")) + ".\n\n"
                + "Contract:  " + due.title() + "\n"
                + "Partner:   " + partnerName + "\n"
                + "Date:      " + due.date() + " (" + due.kind().value() + ")\n"
                + "Read it:   /api/v1/contracts/" + due.contractId() + "\n\n"
                + "You receive this as a user who may write contracts (contract:write).\n";
        return holders.emails(companyId, Permission.CONTRACT_WRITE)
                .concatMap(to -> notifications.email(topic, to, subject, text))
                .then();
    }

    @Override
    public void start() {
        if (!properties.scheduled()) {
            log.info("Contract reminders are not scheduled on this instance (btob.contracts.expiry.cron is -)");
            return;
        }
        CronExpression cron = CronExpression.parse(properties.cron());
        schedule = Mono.defer(() -> Mono.delay(untilNext(cron), Schedulers.boundedElastic()))
                .then(Mono.defer(this::remind).onErrorResume(failure -> {
                    log.error("Contract reminders failed; the next run tries again", failure);
                    return Mono.empty();
                }))
                .repeat()
                .subscribe();
    }

    private Duration untilNext(CronExpression cron) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(properties.zone());
        return Duration.between(now, cron.next(now));
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }
}
