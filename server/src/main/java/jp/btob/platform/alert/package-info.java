/**
 * Real-time security alerts (OPS-ALERT): companies' rules and the operators' rules over the
 * audit trail, evaluated as each event is appended ({@link jp.btob.platform.alert.AlertEvaluator}),
 * raised alerts sent through the notification outbox, and the administrators' API.
 */
package jp.btob.platform.alert;
