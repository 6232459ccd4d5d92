/**
 * Webhook signing secrets at rest: AES-256-GCM under WEBHOOK_SECRET_KEY. The HMAC needs the secret
 * itself, so it cannot be hashed like a password; a database dump alone does not reveal it.
 *
 * Format: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id (8 hex digits of the
 * key's SHA-256) says which configured key opens it, so keys can be rotated: put the new key first
 * in WEBHOOK_SECRET_KEY, keep the old one after it, and re-save (rotate) the subscriptions' secrets.
 * The subscription id is bound as additional authenticated data, so a ciphertext copied onto
 * another subscription does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyId } from "../config.ts";

export class SecretKeyMissingError extends Error {
  constructor() {
    super("WEBHOOK_SECRET_KEY is not configured: webhook secrets cannot be encrypted or read.");
  }
}

/** Encrypts a secret for a subscription with the first configured key. */
export function sealSecret(keys: readonly Buffer[], subscriptionId: string, secret: string): string {
  const key = keys[0];
  if (!key) throw new SecretKeyMissingError();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(subscriptionId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", keyId(key), iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Decrypts a sealed secret; throws when no configured key opens it or it was tampered with. */
export function openSecret(keys: readonly Buffer[], subscriptionId: string, sealed: string): string {
  const [version, id, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !id || iv === undefined || tag === undefined || ciphertext === undefined) throw new Error("Unknown webhook secret format");
  if (keys.length === 0) throw new SecretKeyMissingError();
  const key = keys.find((k) => keyId(k) === id);
  if (!key) throw new Error(`No configured WEBHOOK_SECRET_KEY has id ${id}; add the key this secret was sealed with.`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(subscriptionId, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
