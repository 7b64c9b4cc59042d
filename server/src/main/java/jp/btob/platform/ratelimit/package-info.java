/**
 * Rate limits (SEC-RATE): token buckets per source address before authentication, and per caller
 * (session or API client) and per company after it, each configured per route group. Buckets live
 * in Redis when one is configured, so that every instance counts into one bucket (DR-HA), and in
 * this instance's memory otherwise, or while Redis fails.
 */
package jp.btob.platform.ratelimit;
