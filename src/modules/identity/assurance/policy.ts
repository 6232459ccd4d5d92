/**
 * Which procedures a request may start and submit, by assurance level (pure rules, no I/O):
 *
 * - start: allowed at the required level, or below it when the procedure takes a signature
 *   (the signature on check your answers can make up for the level);
 * - submit: the level is reached by the session (min of account and sign-in), or by a valid
 *   signature where the procedure accepts one; a procedure that requires a signature needs one
 *   whatever the level.
 *
 * A refusal lists the ways to raise the level that fit this person, for the page that explains them.
 */
import { SIGNATURE_LEVEL, type AssuranceLevel, type ProcedureRequirement } from "./levels.ts";

/** The assurance of one request (see assuranceForRequest). */
export type RequestAssurance = {
  /** What the request counts at: min(account, session). */
  level: AssuranceLevel;
  accountLevel: AssuranceLevel;
  sessionLevel: AssuranceLevel;
  sessionMethod: "password" | "link" | "passkey" | "oidc";
  /** The account has at least one passkey. */
  hasPasskey: boolean;
};

/** Ways to raise the level, in the order the page offers them. */
export type AssuranceWay =
  /** The account has a passkey, but this session was signed in with a password or link. */
  | "passkey_sign_in"
  /** Register a passkey (raises the account to 2), then sign in with it. */
  | "passkey_add"
  /** Sign in with the national resident ID provider (My Number Card level: 3). */
  | "national_id"
  /** Sign the application with the signing certificate of a My Number Card (on check your answers). */
  | "sign_application";

/** The signature step on check your answers. */
export type SignatureStep = "none" | "offered" | "required";

export type AssuranceDecision =
  | { allowed: true; signatureStep: SignatureStep }
  | { allowed: false; requiredLevel: AssuranceLevel; currentLevel: AssuranceLevel; signatureRequired: boolean; ways: AssuranceWay[] };

export type DecideOptions = {
  requirement: ProcedureRequirement;
  assurance: RequestAssurance;
  stage: "start" | "submit";
  /** A valid signature over this application's current data is on file. */
  signed?: boolean;
  /** A national resident ID provider is configured (offer it as a way). */
  nationalIdAvailable?: boolean;
};

/** The signature step a resident sees on check your answers. */
export function signatureStepFor(requirement: ProcedureRequirement, assurance: RequestAssurance): SignatureStep {
  if (requirement.signature === "required") return "required";
  if (requirement.signature === "accepted" && assurance.level < requirement.requiredLevel) return "offered";
  return "none";
}

export function decideProcedureAssurance(options: DecideOptions): AssuranceDecision {
  const { requirement, assurance } = options;
  const signed = options.signed === true && requirement.signature !== "none";
  const signatureRequired = requirement.signature === "required";
  const levelReached = assurance.level >= requirement.requiredLevel || (signed && SIGNATURE_LEVEL >= requirement.requiredLevel);
  const allowed =
    options.stage === "start"
      ? assurance.level >= requirement.requiredLevel || requirement.signature !== "none"
      : levelReached && (!signatureRequired || signed);
  if (allowed) return { allowed: true, signatureStep: signatureStepFor(requirement, assurance) };

  const ways: AssuranceWay[] = [];
  if (assurance.level < requirement.requiredLevel) {
    if (requirement.requiredLevel <= 2) ways.push(assurance.hasPasskey ? "passkey_sign_in" : "passkey_add");
    if (options.nationalIdAvailable) ways.push("national_id");
  }
  if (requirement.signature !== "none") ways.push("sign_application");
  return { allowed: false, requiredLevel: requirement.requiredLevel, currentLevel: assurance.level, signatureRequired, ways };
}
