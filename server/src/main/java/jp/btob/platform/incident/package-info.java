/**
 * Security incidents and the notices they send (OPS-INC, whitepaper 5-3): operators record an
 * incident, each affected company gets a notice its administrators can read and an e-mail to each
 * of them, and every notice is judged against the promise to notify within 24 hours of the first
 * detection. E-mail leaves through {@link jp.btob.platform.incident.IncidentMailer}.
 */
package jp.btob.platform.incident;
