-- SEC-IP: a company's IP allow-list, one row per CIDR range in the order the administrator
-- gave them. A company without rows has no restriction. Every request of a company session
-- reads its company's rows through the primary key's index.
CREATE TABLE company_ip_allowlist (
    company_id uuid    NOT NULL REFERENCES company (id),
    position   integer NOT NULL CHECK (position >= 0),
    cidr       text    NOT NULL CHECK (length(cidr) BETWEEN 1 AND 64),
    label      text    CHECK (length(label) <= 100),
    PRIMARY KEY (company_id, position)
);
