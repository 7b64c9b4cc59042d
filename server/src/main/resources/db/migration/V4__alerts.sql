-- Webhook endpoints of a company (OPS-ALERT, later PLT-HOOK). The signing secret is kept only
-- encrypted under the company's data key (crypto.FieldEncryption, aad webhook_endpoint:secret:<id>).
CREATE TABLE webhook_endpoint (
    id                uuid        PRIMARY KEY,
    company_id        uuid        NOT NULL REFERENCES company (id),
    url               text        NOT NULL CHECK (url ~ '^https://' AND length(url) <= 2000),
    description       text CHECK (length(description) <= 200),
    secret            bytea       NOT NULL,
    created_at        timestamptz NOT NULL,
    secret_rotated_at timestamptz,
    deleted_at        timestamptz
);
CREATE INDEX webhook_endpoint_company ON webhook_endpoint (company_id, created_at, id) WHERE deleted_at IS NULL;

-- The notification outbox: one row per message to one recipient, written in the transaction of
-- the change it reports, so that a notification exists if and only if the change committed.
-- Delivery workers claim due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_until): a
-- row whose worker died is claimed again once its lease has run out.
CREATE TABLE notification (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    channel             text        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    -- What the notification is about, e.g. ('alert', <alert id>), for showing delivery states.
    topic_type          text        NOT NULL CHECK (topic_type ~ '^[a-z][a-z-]{0,39}$'),
    topic_id            uuid        NOT NULL,
    -- Stable across retries: the webhook's X-Btob-Event-Id.
    event_id            uuid        NOT NULL,
    -- The e-mail address, or the webhook URL.
    recipient           text        NOT NULL CHECK (length(recipient) <= 2000),
    -- The circuit breaker this delivery goes through: the SMTP server, or the webhook URL.
    endpoint_key        text        NOT NULL,
    -- For a company's webhook: the endpoint whose secret signs it; NULL for the operators' webhook.
    webhook_endpoint_id uuid        REFERENCES webhook_endpoint (id),
    subject             text,
    body                text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED')),
    attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at     timestamptz NOT NULL,
    claimed_until       timestamptz,
    last_error          text CHECK (length(last_error) <= 500),
    created_at          timestamptz NOT NULL,
    delivered_at        timestamptz,
    CHECK ((channel = 'EMAIL') = (subject IS NOT NULL)),
    CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
);
-- What the workers look for: pending rows by due time. Small, because delivered rows leave it.
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_topic ON notification (topic_type, topic_id);
CREATE INDEX notification_endpoint ON notification (webhook_endpoint_id) WHERE status = 'PENDING';

-- A company's alert rules: N events of one action (and outcome) within a window raise an alert.
CREATE TABLE alert_rule (
    id             uuid        PRIMARY KEY,
    company_id     uuid        NOT NULL REFERENCES company (id),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    action         text        NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z-]+)+$'),
    outcome        text CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    threshold      integer     NOT NULL CHECK (threshold BETWEEN 1 AND 1000),
    window_seconds integer     NOT NULL CHECK (window_seconds BETWEEN 1 AND 86400),
    enabled        boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
-- Evaluation looks up the enabled rules of a company for the action just recorded.
CREATE INDEX alert_rule_match ON alert_rule (company_id, action) WHERE enabled;
CREATE INDEX alert_rule_company ON alert_rule (company_id, created_at, id);

-- Raised alerts. rule_key is the company rule's ID, or 'platform:<name>' for an operators' rule;
-- chain is the audit chain whose events raised it (the company, or the platform's all-zero UUID).
CREATE TABLE alert (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    rule_key       text        NOT NULL,
    rule_id        uuid        REFERENCES alert_rule (id) ON DELETE SET NULL,
    rule_name      text        NOT NULL,
    company_id     uuid        REFERENCES company (id),
    chain          uuid        NOT NULL,
    action         text        NOT NULL,
    outcome        text CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    event_count    integer     NOT NULL,
    window_seconds integer     NOT NULL,
    raised_at      timestamptz NOT NULL,
    -- Only a company's own rules are listed to its administrators; the operators' are not.
    visible_to_company boolean NOT NULL
);
-- "Was an alert for this rule raised on this chain within the window?"
CREATE INDEX alert_rule_recent ON alert (rule_key, chain, raised_at);
CREATE INDEX alert_company_page ON alert (company_id, raised_at DESC, id DESC) WHERE visible_to_company;

-- Counting a chain's events of one action within a window is one index range scan.
CREATE INDEX audit_event_chain_action_time ON audit_event (chain, action, occurred_at);
