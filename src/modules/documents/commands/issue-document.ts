/**
 * Issues the sealed document of an approved application (for the demo: 住民票の写し for the
 * residence-certificate procedure). Idempotent: an application has at most one document of a
 * kind, so a retried job or a double click returns the first one.
 *
 * The PDF is made before the transaction (sealing takes some milliseconds and needs no lock);
 * the row and the audit record are written together. If two issue at once, the loser's PDF is
 * thrown away and both get the winner's.
 */
import { createHash, randomInt } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isDepartmentStaff } from "../policy.ts";
import { findApplicationForDocuments, findIssuedForApplication, insertIssuedDocument, type ApplicationForDocuments, type IssuedDocument } from "../queries.ts";
import type { Sealer } from "../signing/sealer.ts";
import type { DocumentKind } from "../tables.ts";
import { RESIDENCE_CERTIFICATE_TITLES, renderResidenceCertificatePdf, type ResidenceCertificateType, type ResidenceRecord } from "./render-residence-certificate.ts";

/** Which procedure issues which document (by the procedure's slug). */
export const ISSUING_PROCEDURES: Record<string, DocumentKind> = {
  "residence-certificate": "residence_certificate",
};

/** The document kind an application's procedure issues, or null. */
export function documentKindFor(application: { procedureSlug: string }): DocumentKind | null {
  return ISSUING_PROCEDURES[application.procedureSlug] ?? null;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 characters of Crockford base32: 80 random bits, easy to read aloud and type. */
export function newVerificationCode(): string {
  let code = "";
  for (let i = 0; i < 16; i++) code += CROCKFORD[randomInt(32)];
  return code;
}

/** What was typed → the stored form: upper case, no separators, O→0 and I/L→1 (Crockford). */
export function normalizeVerificationCode(input: string): string | null {
  const code = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―ー－_]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? code : null;
}

type NameAnswer = { family?: unknown; given?: unknown };
type AddressAnswer = { postalCode?: unknown; address?: unknown; building?: unknown };

function nameOf(value: unknown): string {
  const name = (value ?? {}) as NameAnswer;
  return [name.family, name.given].filter((part): part is string => typeof part === "string" && part !== "").join(" ");
}

function addressOf(value: unknown): string {
  const address = (value ?? {}) as AddressAnswer;
  return [address.address, address.building].filter((part): part is string => typeof part === "string" && part !== "").join(" ");
}

/**
 * The demo record from the application's answers: the person the record is about (the
 * requester themselves, or the person named on the "subject" pages), and where they live.
 */
export function residenceRecordFrom(application: ApplicationForDocuments): { type: ResidenceCertificateType; record: ResidenceRecord } {
  const answers = application.answers;
  const self = answers.requester_type === "self" || answers.requester_type === undefined;
  const prefix = self ? "requester" : "subject";
  const name = nameOf(answers[`${prefix}_name`]) || application.applicantName;
  const type = (typeof answers.certificate_type === "string" && answers.certificate_type in RESIDENCE_CERTIFICATE_TITLES ? answers.certificate_type : "resident_record") as ResidenceCertificateType;
  const includes = Array.isArray(answers.include_items) ? answers.include_items : [];
  return {
    type,
    record: {
      name,
      furigana: nameOf(answers[`${prefix}_furigana`]),
      birthDate: typeof answers[`${prefix}_birth_date`] === "string" ? (answers[`${prefix}_birth_date`] as string) : null,
      address: addressOf(answers.subject_address) || addressOf(answers.requester_address),
      householder: includes.includes("householder") ? name : null,
    },
  };
}

export type IssueDocumentOptions = {
  db: Db;
  sealer: Sealer;
  /** BASE_URL, for the verification link printed on the document. */
  baseUrl: string;
  applicationId: string;
  /** The staff member issuing (checked: staff of the application's department), or null for the system (a job after approval). */
  actor: Actor | null;
  now?: Date;
};

export async function issueDocumentForApplication(options: IssueDocumentOptions): Promise<IssuedDocument> {
  const { db, actor } = options;
  const application = await findApplicationForDocuments(db, options.applicationId);
  if (!application) throw new AppError("not_found", "application.not_found");
  if (actor && !isDepartmentStaff(actor, application.departmentCode)) throw new AppError("not_found", "application.not_found");
  const kind = documentKindFor(application);
  if (!kind) throw new AppError("invalid_input", "documents.not_issuable");
  if (application.status !== "approved") throw new AppError("invalid_input", "documents.not_approved");

  const existing = await findIssuedForApplication(db, application.id, kind);
  if (existing) return existing;

  const now = options.now ?? new Date();
  const verificationCode = newVerificationCode();
  const { type, record } = residenceRecordFrom(application);
  const bytes = await renderResidenceCertificatePdf({
    certificateType: type,
    record,
    issuerTitle: "大阪市長",
    verificationCode,
    verifyUrl: `${options.baseUrl}/verify/${verificationCode}`,
    issuedAt: now,
    sealer: options.sealer,
  });
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const inserted = await db.transaction(async (tx) => {
    const row = await insertIssuedDocument(tx, {
      verificationCode,
      kind,
      applicationId: application.id,
      userId: application.userId,
      departmentCode: application.departmentCode,
      issuedBy: actor?.id ?? null,
      issuedAt: now,
      sha256,
      bytes,
      sealFingerprint: options.sealer.info.fingerprint,
      demo: options.sealer.info.demo,
    });
    if (row) {
      await appendAudit(tx, {
        actorId: actor?.id ?? null,
        actorLabel: actor ? `staff:${actor.email}` : "system:documents",
        action: "document.issued",
        objectType: "issued_document",
        objectId: row.id,
        departmentCode: application.departmentCode,
        data: { applicationId: application.id, kind, sha256, seal: options.sealer.info.fingerprint, demo: options.sealer.info.demo },
      });
    }
    return row;
  });
  return inserted ?? (await findIssuedForApplication(db, application.id, kind))!;
}
