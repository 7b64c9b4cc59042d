-- Approval of contract agreements and order placements (SVC-WF, SVC-CON).
-- document_revision: for contract-agreement, the contract's revision current when the request was
-- filed; the approval covers that wording only, so a revision after it needs a request of its own.
-- payload: for order-placement, the order as POST /api/v1/orders takes it ({"order": …}) or the
-- accepted quote it orders ({"quoteId": …}); the final approval places it and document_id then
-- names the order placed.
ALTER TABLE workflow_request
    ADD COLUMN document_revision integer CHECK (document_revision > 0),
    ADD COLUMN payload           jsonb,
    ADD CONSTRAINT workflow_request_revision_subject
        CHECK ((subject = 'contract-agreement') = (document_revision IS NOT NULL)),
    ADD CONSTRAINT workflow_request_payload_subject
        CHECK ((subject = 'order-placement') = (payload IS NOT NULL));

-- One live request per document, and for a contract per revision: of two concurrent requests for
-- one, the second fails here. The names keep the prefix the service maps to 409.
DROP INDEX workflow_request_document;
CREATE UNIQUE INDEX workflow_request_document ON workflow_request (company_id, document_id)
    WHERE document_id IS NOT NULL AND document_revision IS NULL
      AND status IN ('IN_PROGRESS', 'SENT_BACK', 'APPROVED');
CREATE UNIQUE INDEX workflow_request_document_revision ON workflow_request (company_id, document_id, document_revision)
    WHERE document_revision IS NOT NULL AND status IN ('IN_PROGRESS', 'SENT_BACK', 'APPROVED');
