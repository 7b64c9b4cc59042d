package jp.btob.platform.notify;

import java.util.UUID;
import java.util.regex.Pattern;

/** What a notification is about, e.g. {@code ("alert", alertId)}: how its delivery states are found again. */
public record Topic(String type, UUID id) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z-]{0,39}");

    public Topic {
        if (type == null || !TYPE.matcher(type).matches() || id == null) {
            throw new IllegalArgumentException("A topic is a lower-case type and an ID, not " + type + " " + id);
        }
    }
}
