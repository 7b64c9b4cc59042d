-- Approval workflow (SVC-WF): a company's routes, their ordered steps, and the requests that
-- go through them with every decision taken. A route never changes once created, so a request
-- keeps the steps it started with.
CREATE TABLE workflow_route (
    id         uuid PRIMARY KEY,
    company_id uuid        NOT NULL REFERENCES company (id),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    subject    text        NOT NULL CHECK (subject IN ('order-placement', 'invoice-approval', 'contract-agreement',
                                                       'free-form')),
    min_amount bigint      NOT NULL CHECK (min_amount >= 0),
    -- Inclusive; null: no upper bound.
    max_amount bigint CHECK (max_amount >= min_amount),
    created_by uuid,
    created_at timestamptz NOT NULL
);
CREATE INDEX workflow_route_subject ON workflow_route (company_id, subject, min_amount);

CREATE TABLE workflow_step (
    route_id uuid     NOT NULL REFERENCES workflow_route (id),
    number   smallint NOT NULL CHECK (number BETWEEN 1 AND 20),
    mode     text     NOT NULL CHECK (mode IN ('all', 'any')),
    user_ids uuid[]   NOT NULL,
    role_ids uuid[]   NOT NULL,
    PRIMARY KEY (route_id, number),
    CHECK (cardinality(user_ids) + cardinality(role_ids) > 0)
);

-- version counts every change and is the ETag; current_step is null unless IN_PROGRESS. round
-- counts the send-backs: each starts the next round of decisions.
CREATE TABLE workflow_request (
    id           uuid PRIMARY KEY,
    company_id   uuid        NOT NULL REFERENCES company (id),
    route_id     uuid        NOT NULL REFERENCES workflow_route (id),
    subject      text        NOT NULL,
    document_id  uuid,
    title        text CHECK (length(title) BETWEEN 1 AND 200),
    amount       bigint      NOT NULL CHECK (amount >= 0),
    body         text CHECK (length(body) <= 4000),
    applicant_id uuid        NOT NULL REFERENCES app_user (id),
    status       text        NOT NULL CHECK (status IN ('IN_PROGRESS', 'SENT_BACK', 'APPROVED', 'REJECTED',
                                                        'WITHDRAWN')),
    current_step smallint,
    round        integer     NOT NULL CHECK (round > 0),
    version      integer     NOT NULL CHECK (version > 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK ((status = 'IN_PROGRESS') = (current_step IS NOT NULL))
);
-- One live request per document: of two concurrent requests for one invoice, the second fails here.
CREATE UNIQUE INDEX workflow_request_document ON workflow_request (company_id, document_id)
    WHERE document_id IS NOT NULL AND status IN ('IN_PROGRESS', 'SENT_BACK', 'APPROVED');
CREATE INDEX workflow_request_inbox ON workflow_request (company_id, created_at, id) WHERE status = 'IN_PROGRESS';

-- roles: the step's role approvers the decider held when deciding, which an approval satisfies.
-- Every send-back starts the request's next round: only the current round's decisions of the
-- current step count towards it; the earlier ones stay as history.
CREATE TABLE workflow_decision (
    request_id uuid        NOT NULL REFERENCES workflow_request (id),
    round      integer     NOT NULL,
    step       smallint    NOT NULL,
    user_id    uuid        NOT NULL REFERENCES app_user (id),
    decision   text        NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED', 'SENT_BACK')),
    roles      uuid[]      NOT NULL,
    reason     text CHECK (length(reason) <= 1000),
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (request_id, round, step, user_id)
);
