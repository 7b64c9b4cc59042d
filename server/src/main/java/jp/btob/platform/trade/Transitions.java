package jp.btob.platform.trade;

import java.util.Collection;
import java.util.stream.Collectors;

import jp.btob.platform.system.ETags;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.PreconditionFailedException;
import jp.btob.platform.system.problem.PreconditionRequiredException;
import jp.btob.platform.system.problem.WrongPartyException;

/**
 * The checks every trade document's action makes, in the order that leaks least once the caller
 * is known to be a party: the party, then the version ({@code If-Match}), then the state.
 *
 * @param name    the kind of document, as its problems name it ({@code quote})
 * @param article the same with its article ({@code a quote})
 */
public record Transitions(String name, String article) {

    /**
     * Why the action cannot be taken now, or null when it can.
     *
     * @param side      the party the action belongs to, {@code seller} or {@code buyer}
     * @param bySide    whether the caller's company is that party
     * @param current   the document's status
     * @param from      the statuses the action starts from
     */
    public RuntimeException refusal(String side, boolean bySide, String verb, String ifMatch, int version,
                                    String current, Collection<String> from) {
        if (!bySide) {
            return new WrongPartyException("Only the " + side + " may " + verb + " " + article + ".");
        }
        if (ifMatch == null) {
            return new PreconditionRequiredException("Send the ETag of the " + name + " as last read as If-Match.");
        }
        if (!ETags.matches(ifMatch, version)) {
            return stale();
        }
        if (!from.contains(current)) {
            return new InvalidTransitionException("The " + name + " is " + current + "; only " + article
                    + " that is " + from.stream().sorted().collect(Collectors.joining(" or ")) + " can " + verb + ".");
        }
        return null;
    }

    public PreconditionFailedException stale() {
        return new PreconditionFailedException("The " + name + " is not at the version that If-Match names: it was"
                + " changed since you read it. Read it again.");
    }
}
