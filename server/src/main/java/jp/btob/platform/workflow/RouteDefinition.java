package jp.btob.platform.workflow;

import java.util.List;

import jp.btob.platform.api.model.ApprovalSubject;

/**
 * What an administrator defines of a route, for a new route and for its next version alike: its
 * name, subject, amount range ({@code max} null: no upper bound) and ordered steps.
 */
record RouteDefinition(String name, ApprovalSubject subject, long min, Long max, List<RouteStep> steps) {
}
