package jp.btob.platform.incident;

import java.util.List;

import jp.btob.platform.api.model.Incident;
import jp.btob.platform.api.model.IncidentNotice;
import jp.btob.platform.api.model.IncidentNoticeSummary;
import jp.btob.platform.api.model.IncidentReport;
import jp.btob.platform.api.model.IncidentSummary;
import jp.btob.platform.api.model.IncidentUpdate;
import jp.btob.platform.api.model.NoticeDelivery;
import jp.btob.platform.api.model.NotificationPromise;
import jp.btob.platform.api.model.Party;
import jp.btob.platform.incident.IncidentRepository.CompanyNoticeRow;
import jp.btob.platform.incident.IncidentRepository.IncidentRow;
import jp.btob.platform.incident.IncidentRepository.NewIncident;
import jp.btob.platform.incident.IncidentRepository.NoticeRow;
import jp.btob.platform.incident.IncidentRepository.SummaryRow;
import jp.btob.platform.incident.IncidentRepository.UpdateRow;
import jp.btob.platform.system.Times;

/** Between the incident feature's records and the API's models, in both directions, once. */
final class IncidentMapper {

    private IncidentMapper() {
    }

    static NewIncident newIncident(IncidentReport report) {
        return new NewIncident(report.getTitle(), report.getDescription(), report.getSeverity(),
                report.getDetectedAt().toInstant());
    }

    /** The operators' view: every affected company's notice, each judged against the deadline. */
    static Incident incident(IncidentRow row, List<NoticeRow> notices, List<UpdateRow> updates) {
        List<NoticeDelivery> deliveries = notices.stream()
                .map(notice -> new NoticeDelivery(new Party(notice.companyId(), notice.companyCode(), notice.companyName()),
                        Times.utc(notice.notifiedAt()), Times.utc(row.notifyBy()),
                        NotificationClock.judge(notice.notifiedAt(), row.notifyBy()), notice.recipients()))
                .toList();
        boolean kept = deliveries.stream().allMatch(delivery -> delivery.getPromise() == NotificationPromise.KEPT);
        return new Incident(row.id(), row.title(), row.description(), row.severity(), row.status(),
                Times.utc(row.detectedAt()), Times.utc(row.notifyBy()), Times.utc(row.recordedAt()), row.recordedBy(),
                kept, deliveries, updates(updates))
                .resolvedAt(Times.utc(row.resolvedAt()))
                .resolution(row.resolution());
    }

    static IncidentSummary summary(SummaryRow summary) {
        IncidentRow row = summary.incident();
        return new IncidentSummary(row.id(), row.title(), row.severity(), row.status(), Times.utc(row.detectedAt()),
                Times.utc(row.notifyBy()), Times.utc(row.recordedAt()), summary.affected(), summary.kept())
                .resolvedAt(Times.utc(row.resolvedAt()));
    }

    /** A company's view: its own notice only, nothing of the other companies affected. */
    static IncidentNoticeSummary noticeSummary(CompanyNoticeRow notice) {
        IncidentRow row = notice.incident();
        return new IncidentNoticeSummary(row.id(), row.title(), row.severity(), row.status(),
                Times.utc(row.detectedAt()), Times.utc(notice.notifiedAt()), Times.utc(row.notifyBy()),
                NotificationClock.judge(notice.notifiedAt(), row.notifyBy()))
                .resolvedAt(Times.utc(row.resolvedAt()));
    }

    static IncidentNotice notice(CompanyNoticeRow notice, List<UpdateRow> updates) {
        IncidentRow row = notice.incident();
        return new IncidentNotice(row.id(), row.title(), row.description(), row.severity(), row.status(),
                Times.utc(row.detectedAt()), Times.utc(notice.notifiedAt()), Times.utc(row.notifyBy()),
                NotificationClock.judge(notice.notifiedAt(), row.notifyBy()), updates(updates))
                .resolvedAt(Times.utc(row.resolvedAt()))
                .resolution(row.resolution());
    }

    private static List<IncidentUpdate> updates(List<UpdateRow> updates) {
        return updates.stream()
                .map(update -> new IncidentUpdate(update.id(), Times.utc(update.postedAt()), update.text()))
                .toList();
    }
}
