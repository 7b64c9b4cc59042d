-- Roles and per-user permissions (SEC-RBAC), company suspension by operators, and
-- administrator-set passwords that must be changed at the next login.

ALTER TABLE company
    ADD COLUMN status            text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    ADD COLUMN suspended_at      timestamptz,
    ADD COLUMN suspension_reason text CHECK (length(suspension_reason) <= 500),
    ADD CONSTRAINT company_suspension CHECK ((status = 'SUSPENDED') = (suspended_at IS NOT NULL));

-- Set when an administrator or operator chose the password: the next login may only change it.
ALTER TABLE app_user ADD COLUMN password_reset_required boolean NOT NULL DEFAULT false;

-- A role is a named set of permissions. The built-in roles belong to no company and carry no
-- permissions here: what they allow is defined in code (BuiltInRole), so a permission added
-- later reaches them without a migration. A company's custom roles list their permissions.
CREATE TABLE company_role (
    id          uuid PRIMARY KEY,
    company_id  uuid REFERENCES company (id),
    builtin_key text UNIQUE CHECK (builtin_key IN ('company-admin', 'staff', 'viewer')),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description text CHECK (length(description) <= 500),
    permissions text[],
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK ((company_id IS NULL) = (builtin_key IS NOT NULL)),
    CHECK ((builtin_key IS NULL) = (permissions IS NOT NULL))
);
CREATE UNIQUE INDEX company_role_name_key ON company_role (company_id, lower(name)) WHERE company_id IS NOT NULL;

INSERT INTO company_role (id, company_id, builtin_key, name, description, permissions, created_at, updated_at) VALUES
    ('00000000-0000-4000-8000-00000000a001', NULL, 'company-admin', '管理者',
     'Every permission: users, roles, settings, audit, and all trading.', NULL, now(), now()),
    ('00000000-0000-4000-8000-00000000a002', NULL, 'staff', '担当者',
     'Day-to-day trading; no administration.', NULL, now(), now()),
    ('00000000-0000-4000-8000-00000000a003', NULL, 'viewer', '閲覧者',
     'Reads documents; changes nothing.', NULL, now(), now());

CREATE TABLE user_role (
    user_id uuid NOT NULL REFERENCES app_user (id),
    role_id uuid NOT NULL REFERENCES company_role (id),
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_role_role ON user_role (role_id);

-- Per-user exceptions on top of the roles: a grant adds a permission, a denial removes one
-- whatever the roles say.
CREATE TABLE user_permission (
    user_id    uuid NOT NULL REFERENCES app_user (id),
    permission text NOT NULL CHECK (permission ~ '^[a-z][a-z-]*:[a-z][a-z-]*$'),
    effect     text NOT NULL CHECK (effect IN ('GRANT', 'DENY')),
    PRIMARY KEY (user_id, permission)
);

INSERT INTO user_role (user_id, role_id)
SELECT id, CASE role WHEN 'ADMIN' THEN '00000000-0000-4000-8000-00000000a001'::uuid
                     ELSE '00000000-0000-4000-8000-00000000a002'::uuid END
FROM app_user;

ALTER TABLE app_user DROP COLUMN role;
