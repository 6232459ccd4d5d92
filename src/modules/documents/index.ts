/**
 * The documents module's public face: PDF receipts (受付票), issued certificates with a visible
 * seal and a PAdES e-seal (住民票の写し, demo), their public verification, and pre-printed
 * application forms (申請書印刷). Other modules import from here only.
 *
 * Routes: see routes.ts (/applications/:id/receipt.pdf, /documents/:id.pdf, /my/documents,
 * /verify[/:code], /api/documents/verify/:code, /forms[/:id/prefilled.pdf|/blank.pdf],
 * /staff/documents[/forms/…|/applications/:id[/issue]]).
 *
 * For the procedures module:
 * - on submission: link to `receiptPdfPath(applicationId)` from the receipt page and my page;
 *   or call `renderReceiptPdf(...)` with data it has already authorised.
 * - on approval: `await enqueueDocumentIssue(tx, { applicationId })` in the same transaction
 *   as the status change; the worker seals and stores the document (idempotent).
 * - on the case page (staff) and the application page (resident): link to
 *   `caseDocumentsPath(applicationId)` / the paths of `listIssuedDocuments(db, applicationId)`.
 */
import type { Module } from "../../core/app-deps.ts";
import type { Db } from "../../core/db/database.ts";
import { enqueue } from "../../core/jobs/outbox.ts";
import { documentKindFor, issueDocumentForApplication } from "./commands/issue-document.ts";
import { documentsContext } from "./context.ts";
import { findApplicationForDocuments, listIssuedForApplication, type IssuedDocument } from "./queries.ts";
import { documentsRoutes } from "./routes.ts";
import "./messages.ts";

/** Outbox topic: issue the document of an approved application. Payload: { applicationId }. */
export const DOCUMENTS_ISSUE_TOPIC = "documents.issue";

export const documentsModule: Module = {
  name: "documents",
  routes: documentsRoutes,
  jobs: (deps) => ({
    async [DOCUMENTS_ISSUE_TOPIC](payload) {
      const applicationId = typeof payload.applicationId === "string" ? payload.applicationId : "";
      const application = await findApplicationForDocuments(deps.db, applicationId);
      // Nothing to do (and nothing to retry) for an unknown, unapproved or non-issuing application.
      if (!application || application.status !== "approved" || !documentKindFor(application)) return;
      const sealer = await documentsContext(deps).sealer();
      await issueDocumentForApplication({ db: deps.db, sealer, baseUrl: deps.config.baseUrl, applicationId, actor: null });
    },
  }),
};

/**
 * Queues the issuing of an approved application's document, in the caller's transaction (the
 * approval). Safe to call for any application: procedures that issue nothing are skipped by the
 * job, and a second call is a no-op (idempotency key).
 *
 * @example await enqueueDocumentIssue(tx, { applicationId }); // then deps.wakeWorker() after commit
 */
export async function enqueueDocumentIssue(tx: Db, options: { applicationId: string }): Promise<void> {
  await enqueue(tx, DOCUMENTS_ISSUE_TOPIC, { applicationId: options.applicationId }, `${DOCUMENTS_ISSUE_TOPIC}:${options.applicationId}`);
}

/** Where the owner (or department staff) downloads an application's receipt PDF. */
export function receiptPdfPath(applicationId: string): string {
  return `/applications/${applicationId}/receipt.pdf`;
}

/** The staff page with an application's receipt, issued documents and the issue button. */
export function caseDocumentsPath(applicationId: string): string {
  return `/staff/documents/applications/${applicationId}`;
}

/** Where an issued document is downloaded (owner resident or department staff). */
export function issuedDocumentPath(documentId: string): string {
  return `/documents/${documentId}.pdf`;
}

export type { IssuedDocument };

/** The documents issued for an application (no bytes), oldest first. The caller has authorised the reader. */
export async function listIssuedDocuments(db: Db, applicationId: string): Promise<IssuedDocument[]> {
  return listIssuedForApplication(db, applicationId);
}

export { renderReceiptPdf, type ReceiptApplication, type RenderReceiptOptions } from "./commands/render-receipt.ts";
export { renderSummaryPdf, type SummaryPdfOptions } from "./commands/render-summary.ts";
export { issueDocumentForApplication, documentKindFor, ISSUING_PROCEDURES, type IssueDocumentOptions } from "./commands/issue-document.ts";
export { renderResidenceCertificatePdf, type ResidenceRecord } from "./commands/render-residence-certificate.ts";
export { fillForm, valuesFor, type PersonDetails } from "./commands/fill-form.ts";
export { verifyCode, type Verification } from "./commands/verify-document.ts";
export { createSealer, type SealKey, type Sealer, type SealInfo, type SignatureAlgorithm } from "./signing/sealer.ts";
export { loadSealer } from "./signing/load-sealer.ts";
export { InMemorySealKey, keyFromPem, keyFromPkcs12, sealKeyFromEnv, SealConfigError } from "./signing/file-key.ts";
