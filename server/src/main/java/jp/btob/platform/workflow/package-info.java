/**
 * Approval workflow (BP ワークフロー, SVC-WF): a company's approval routes (ordered steps of users
 * and roles, each deciding by {@code all} or {@code any}, chosen by the amount, changed as
 * versions and retired), the requests that go through them, the approver's inbox, the
 * applicant's own requests, approvals delegated for a period (代理承認), and the guard that holds
 * an invoice's approval until its request is approved.
 */
package jp.btob.platform.workflow;
