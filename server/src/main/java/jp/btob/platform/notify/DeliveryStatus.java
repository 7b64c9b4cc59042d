package jp.btob.platform.notify;

/**
 * Where a notification is. {@code PENDING} rows are claimed, attempted and either become
 * {@code DELIVERED}, wait for another attempt, or become {@code DEAD} when attempts run out;
 * {@code CANCELLED} when its webhook endpoint was removed first. Only PENDING ever changes.
 */
public enum DeliveryStatus { PENDING, DELIVERED, DEAD, CANCELLED }
