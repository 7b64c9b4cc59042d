package jp.btob.platform.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets event-loop threads hand log events to Logback's async appender. Its queue takes a lock
 * for the moment of the hand-off and never waits for room (neverBlock), so a brief contention
 * is the only "blocking" BlockHound could see; the console I/O itself stays on Logback's worker.
 */
public class LoggingBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("ch.qos.logback.core.AsyncAppenderBase", "append");
    }
}
