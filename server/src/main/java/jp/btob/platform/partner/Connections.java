package jp.btob.platform.partner;

import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Whether two companies may trade: a document can only be sent to a partner connected and active (PLT-PARTNER). */
@Component
public class Connections {

    private final PartnerRepository connections;

    Connections(PartnerRepository connections) {
        this.connections = connections;
    }

    public Mono<Boolean> active(UUID one, UUID other) {
        return connections.activeBetween(one, other);
    }
}
