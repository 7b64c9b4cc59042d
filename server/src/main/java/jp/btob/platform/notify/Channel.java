package jp.btob.platform.notify;

/** How a notification travels. */
public enum Channel { EMAIL, WEBHOOK }
