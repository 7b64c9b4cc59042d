-- Data classification (SEC-LABEL, 2-4-3 データ分類): each company's vocabulary of tags, and the
-- labels each company puts on the documents it is a party to, tags of its vocabulary and
-- free-form text. A company's labels are its own: the other party of the document never reads
-- them, and the search of kept documents (SVC-BOOK) matches only the caller's company's.
CREATE TABLE label_vocabulary (
    id          uuid PRIMARY KEY,
    company_id  uuid        NOT NULL REFERENCES company (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    color       text CHECK (color ~ '^#[0-9a-f]{6}$'),
    description text CHECK (length(description) <= 200),
    created_by  uuid,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (id, company_id)
);
-- A name is unique per company whatever its case: of two concurrent creations, the second fails here.
CREATE UNIQUE INDEX label_vocabulary_name ON label_vocabulary (company_id, lower(name));

-- A company's set of labels on one document; version counts its changes and is the ETag.
-- document_type names the kind as the path does (quote, order, invoice, trade; contract and
-- workflow requests when they come).
CREATE TABLE document_label_set (
    company_id    uuid        NOT NULL REFERENCES company (id),
    document_type text        NOT NULL,
    document_id   uuid        NOT NULL,
    version       integer     NOT NULL CHECK (version > 0),
    updated_by    uuid,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (company_id, document_type, document_id)
);

-- The labels of the sets: a tag (kind 'tag', label the vocabulary entry's ID as text) or a
-- free-form label (kind 'text', label as written). The key is the search's path: a company's
-- documents with one label are one range of it, and a document of the search is found in it by
-- its exact key (EXISTS), so a label filter stays an index scan at any size: a common label is
-- checked on the rows the search's own indexes read (through this key or the document's few labels
-- below), a rare one read as its range here, each document then by the search table's primary key.
CREATE TABLE document_label (
    company_id    uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('tag', 'text')),
    label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
    document_type text NOT NULL,
    document_id   uuid NOT NULL,
    vocabulary_id uuid,
    PRIMARY KEY (company_id, kind, label, document_type, document_id),
    FOREIGN KEY (company_id, document_type, document_id)
        REFERENCES document_label_set (company_id, document_type, document_id),
    -- A tag is one of the company's own vocabulary, never another company's.
    FOREIGN KEY (vocabulary_id, company_id) REFERENCES label_vocabulary (id, company_id) ON DELETE CASCADE,
    CHECK ((kind = 'tag') = (vocabulary_id IS NOT NULL)),
    CHECK (kind <> 'tag' OR label = CAST(vocabulary_id AS text))
);
-- A set's own labels, read with the set and checked by the search row by row.
CREATE INDEX document_label_by_document ON document_label (company_id, document_type, document_id);
-- The uses of a vocabulary entry, for its removal.
CREATE INDEX document_label_by_vocabulary ON document_label (vocabulary_id) WHERE vocabulary_id IS NOT NULL;
