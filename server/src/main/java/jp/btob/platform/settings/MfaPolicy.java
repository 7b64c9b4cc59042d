package jp.btob.platform.settings;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.MfaChannel;

/**
 * The second factor.
 *
 * @param required        whether every user must use one; otherwise each user chooses
 * @param allowedChannels the channels the company's users may use
 */
public record MfaPolicy(boolean required, Set<MfaChannel> allowedChannels) {

    public MfaPolicy {
        EnumSet<MfaChannel> channels = EnumSet.noneOf(MfaChannel.class);
        if (allowedChannels != null) {
            channels.addAll(allowedChannels);
        }
        allowedChannels = Collections.unmodifiableSet(channels);
    }
}
