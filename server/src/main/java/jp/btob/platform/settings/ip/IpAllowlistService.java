package jp.btob.platform.settings.ip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.IpAllowlistEntry;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.BlockReason;
import jp.btob.platform.system.net.CidrRange;
import jp.btob.platform.system.net.CidrRanges;
import jp.btob.platform.system.problem.IpAllowlistLockOutException;
import jp.btob.platform.system.problem.UnprocessableException;
import jp.btob.platform.system.trace.RequestContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The companies' IP allow-lists: read on every check (no list is cached, so a change holds on
 * every instance at once; only the parsing of a list's text is remembered, keyed by that text),
 * changed by administrators with their audit event in one transaction.
 */
@Service
public class IpAllowlistService {

    /**
     * Each allow-list parsed once, by its ranges as read with the caller: a changed list is another
     * key, so a change holds from the next request with nothing to invalidate.
     */
    private static final Map<List<String>, CidrRanges> PARSED = new ConcurrentHashMap<>();

    private static final int PARSED_LISTS = 10_000;

    private final IpAllowlistRepository repository;

    private final AuditLog audit;

    private final PlatformMetrics metrics;

    private final TransactionalOperator tx;

    IpAllowlistService(IpAllowlistRepository repository, AuditLog audit, PlatformMetrics metrics,
                       TransactionalOperator tx) {
        this.repository = repository;
        this.audit = audit;
        this.metrics = metrics;
        this.tx = tx;
    }

    /**
     * Whether the company allows the current request's client address: always with an empty
     * list; never when the address is unknown and the list is not empty.
     */
    public Mono<Boolean> permits(UUID companyId) {
        return repository.entries(companyId).map(IpAllowlistService::ranges).flatMap(this::permits);
    }

    /** Whether the caller's company allows this request's address, with no statement when the list came with the caller. */
    public Mono<Boolean> permits(Caller caller) {
        return caller.companyAllowlist().map(Mono::just)
                .orElseGet(() -> repository.entries(caller.companyId()).map(IpAllowlistService::ranges))
                .flatMap(this::permits);
    }

    private static List<String> ranges(List<IpAllowlistEntry> entries) {
        return entries.stream().map(IpAllowlistEntry::getCidr).toList();
    }

    /** Whether a company whose allow-list holds {@code ranges}, read with the caller or the account, allows the current request's address. */
    public Mono<Boolean> permits(List<String> ranges) {
        return RequestContext.current()
                .map(context -> permits(ranges, context.map(RequestContext::sourceAddress).orElse(null)));
    }

    static boolean permits(List<String> ranges, String address) {
        if (ranges.isEmpty()) {
            return true;
        }
        if (address == null) {
            return false;
        }
        CidrRanges parsed = PARSED.get(ranges);
        if (parsed == null) {
            if (PARSED.size() >= PARSED_LISTS) {
                // Lists change rarely and companies are few; a full memo is only a sign of churn.
                PARSED.clear();
            }
            parsed = CidrRanges.parse(ranges);
            PARSED.put(List.copyOf(ranges), parsed);
        }
        return parsed.contains(address);
    }

    /**
     * Records a call refused for its address as {@code ip.block} on the company's chain, where
     * the operators' alert rule counts it, and counts it in {@code btob.requests.blocked{reason=IP}}.
     */
    public Mono<Void> recordBlock(UUID companyId, Actor actor, String targetType, UUID targetId, String what) {
        metrics.requestBlocked(BlockReason.IP);
        return audit.record(new AuditEntry(companyId, actor, AuditAction.IP_BLOCK, targetType, targetId,
                AuditOutcome.FAILURE, Map.of("reason", "outside-allowlist", "request", what)));
    }

    Mono<List<IpAllowlistEntry>> read(Caller user) {
        return repository.entries(user.companyId());
    }

    /**
     * Replaces the company's list. Refused with 422 naming every bad entry, and with 409 when
     * the list would not contain the sender's own address, unless {@code confirmLockout}.
     */
    Mono<List<IpAllowlistEntry>> update(Caller user, List<IpAllowlistEntry> requested, boolean confirmLockout) {
        List<IpAllowlistEntry> entries = normalised(requested);
        UUID companyId = user.companyId();
        return RequestContext.current()
                .map(request -> request.map(RequestContext::sourceAddress).orElse(null))
                .defaultIfEmpty("")
                .flatMap(address -> {
                    if (!confirmLockout && !permits(ranges(entries), address.isEmpty() ? null : address)) {
                        return Mono.error(new IpAllowlistLockOutException("The list does not contain your current "
                                + "address " + (address.isEmpty() ? "(unknown)" : address) + ": once saved, you could "
                                + "no longer reach the platform from here. Add it, or send confirmLockout: true."));
                    }
                    return repository.lock(companyId)
                            .then(repository.entries(companyId))
                            .flatMap(before -> repository.replace(companyId, entries)
                                    .then(audit.record(new AuditEntry(companyId, user.actor(),
                                            AuditAction.SETTINGS_IP_ALLOWLIST_UPDATE, "ip-allowlist", companyId,
                                            AuditOutcome.SUCCESS, Map.of(
                                                    "before", describe(before),
                                                    "after", describe(entries),
                                                    "confirmLockout", confirmLockout)))))
                            .thenReturn(entries)
                            .as(tx::transactional);
                });
    }

    /** The entries, trimmed, or 422 with one field error per bad entry. */
    private static List<IpAllowlistEntry> normalised(List<IpAllowlistEntry> requested) {
        List<FieldError> errors = new ArrayList<>();
        List<IpAllowlistEntry> entries = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            IpAllowlistEntry entry = requested.get(i);
            String cidr = entry.getCidr() == null ? "" : entry.getCidr().trim();
            String field = "entries[" + i + "].cidr";
            if (CidrRange.parse(cidr).isPresent()) {
                String label = entry.getLabel() == null || entry.getLabel().isBlank() ? null : entry.getLabel().trim();
                entries.add(new IpAllowlistEntry(cidr).label(label));
            }
            else if (CidrRange.parse(withoutHostBits(cidr)).isPresent()) {
                errors.add(new FieldError(field, FieldError.CodeEnum.INVALID,
                        "'" + cidr + "' has bits set after its prefix; did you mean " + withoutHostBits(cidr) + "?"));
            }
            else {
                errors.add(new FieldError(field, FieldError.CodeEnum.FORMAT,
                        "'" + cidr + "' is not an IPv4 or IPv6 address or CIDR range, such as 203.0.113.0/24 or 2001:db8::/64"));
            }
        }
        if (!errors.isEmpty()) {
            throw new UnprocessableException(errors.size() == 1
                    ? "1 entry is not a valid range." : errors.size() + " entries are not valid ranges.", errors);
        }
        return entries;
    }

    /** The same text with its address replaced by the network address, if it parses that way; else unchanged. */
    private static String withoutHostBits(String cidr) {
        return CidrRange.networkOf(cidr).orElse(cidr);
    }

    private static List<Map<String, Object>> describe(List<IpAllowlistEntry> entries) {
        return entries.stream().map(entry -> {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("cidr", entry.getCidr());
            described.put("label", entry.getLabel());
            return described;
        }).toList();
    }
}
