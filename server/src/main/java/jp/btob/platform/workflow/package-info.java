/**
 * Approval workflow (BP ワークフロー, SVC-WF): a company's approval routes (ordered steps of users
 * and roles, each deciding by {@code all} or {@code any}, chosen by the amount), the requests
 * that go through them, the approver's inbox, and the guard that holds an invoice's approval
 * until its request is approved.
 */
package jp.btob.platform.workflow;
