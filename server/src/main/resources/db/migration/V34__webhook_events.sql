-- Webhooks for document events (PLT-HOOK).

-- What an endpoint receives: event types of the catalogue, or '*' for every event.
ALTER TABLE webhook_endpoint
    ADD COLUMN event_types text[] NOT NULL DEFAULT '{*}' CHECK (cardinality(event_types) BETWEEN 1 AND 100),
    -- The secret before the last rotation, encrypted like the current one (aad
    -- webhook_endpoint:previous_secret:<id>), which still signs until previous_secret_expires_at.
    ADD COLUMN previous_secret bytea,
    ADD COLUMN previous_secret_expires_at timestamptz,
    ADD CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL));

-- One event per company that sees a step: written in the step's transaction, its id is the
-- X-Btob-Event-Id of every delivery of it, replays included; the body is sent as it is.
CREATE TABLE webhook_event (
    id         uuid        PRIMARY KEY,
    company_id uuid        NOT NULL REFERENCES company (id),
    type       text        NOT NULL CHECK (type ~ '^[a-z]+\.[a-z-]+$'),
    created_at timestamptz NOT NULL,
    body       text        NOT NULL
);
-- Replaying a time range reads a company's events in order of creation.
CREATE INDEX webhook_event_company_time ON webhook_event (company_id, created_at, id);

-- A delivery of an event is retried until its creation plus btob.notify.webhook.retry-for,
-- not until a number of attempts: event_type says which rows are deliveries of events.
ALTER TABLE notification
    ADD COLUMN event_type       text CHECK (event_type ~ '^[a-z]+\.[a-z-]+$'),
    ADD COLUMN last_attempt_at  timestamptz,
    ADD COLUMN last_http_status integer CHECK (last_http_status BETWEEN 100 AND 599);
-- The delivery log of an endpoint, newest first.
CREATE INDEX notification_endpoint_log ON notification (webhook_endpoint_id, created_at DESC, id DESC)
    WHERE webhook_endpoint_id IS NOT NULL;

-- Every attempt at a notification, as the worker recorded its outcome.
CREATE TABLE notification_attempt (
    notification_id uuid        NOT NULL REFERENCES notification (id),
    at              timestamptz NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('DELIVERED', 'FAILED')),
    http_status     integer CHECK (http_status BETWEEN 100 AND 599),
    error           text CHECK (length(error) <= 500),
    duration_ms     integer     NOT NULL CHECK (duration_ms >= 0)
);
CREATE INDEX notification_attempt_of ON notification_attempt (notification_id, at);
