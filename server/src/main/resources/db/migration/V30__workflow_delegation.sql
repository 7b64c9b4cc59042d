-- Approval workflow, continued (SVC-WF): routes changed in versions and retired, approvals
-- delegated for a period, and decisions taken on another's behalf.

-- A route keeps its ID; every change writes its steps as the route's next version, and a
-- request follows the steps of the version it was filed on. A retired route takes no new
-- requests; those filed on it go on.
ALTER TABLE workflow_route
    ADD COLUMN version    integer NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN retired_at timestamptz;
ALTER TABLE workflow_route ALTER COLUMN version DROP DEFAULT;

ALTER TABLE workflow_step ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE workflow_step ALTER COLUMN version DROP DEFAULT;
ALTER TABLE workflow_step DROP CONSTRAINT workflow_step_pkey;
ALTER TABLE workflow_step ADD PRIMARY KEY (route_id, version, number);

ALTER TABLE workflow_request ADD COLUMN route_version integer NOT NULL DEFAULT 1 CHECK (route_version > 0);
ALTER TABLE workflow_request ALTER COLUMN route_version DROP DEFAULT;

-- A user's approvals delegated to another user of the company for [starts_at, ends_at).
-- Revoking marks the row; it is never removed.
CREATE TABLE workflow_delegation (
    id           uuid PRIMARY KEY,
    company_id   uuid        NOT NULL REFERENCES company (id),
    delegator_id uuid        NOT NULL REFERENCES app_user (id),
    delegate_id  uuid        NOT NULL REFERENCES app_user (id),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    note         text CHECK (length(note) BETWEEN 1 AND 200),
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CHECK (ends_at > starts_at),
    CHECK (delegate_id <> delegator_id)
);
CREATE INDEX workflow_delegation_delegate ON workflow_delegation (delegate_id, ends_at) WHERE revoked_at IS NULL;
CREATE INDEX workflow_delegation_delegator ON workflow_delegation (delegator_id, created_at);

-- user_id decided; on_behalf_of, the approver they decided for as delegate, for whom alone the
-- decision counts. The primary key (request, round, step, user_id) keeps one decision per
-- person and step; this index keeps one per approver acted for.
ALTER TABLE workflow_decision
    ADD COLUMN on_behalf_of uuid REFERENCES app_user (id),
    ADD CHECK (on_behalf_of <> user_id);
CREATE UNIQUE INDEX workflow_decision_on_behalf ON workflow_decision (request_id, round, step, on_behalf_of)
    WHERE on_behalf_of IS NOT NULL;

-- The applicant's own requests, newest first.
CREATE INDEX workflow_request_applicant ON workflow_request (applicant_id, created_at DESC, id DESC);
