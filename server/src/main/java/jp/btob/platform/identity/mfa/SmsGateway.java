package jp.btob.platform.identity.mfa;

import reactor.core.publisher.Mono;

/** Sends a text message; fails when it could not be handed to the gateway. */
public interface SmsGateway {

    Mono<Void> send(String phoneNumber, String text);
}
