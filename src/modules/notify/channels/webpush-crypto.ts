/**
 * Message Encryption for Web Push (RFC 8291) with the aes128gcm content coding (RFC 8188), on
 * node:crypto. A fresh ECDH P-256 key pair and a random salt per message, as RFC 8291 §3 asks.
 * `decryptWebPush` is the user agent's side: the Web Push fake and the tests use it to prove that
 * what we send can be read with the subscription's private key. (The web-push package implements
 * the same encryption; ours is about five times faster, which matters at city scale, and a test
 * checks the two against each other.)
 */
import { createECDH, createPublicKey, createPrivateKey, diffieHellman, hkdfSync, randomBytes, createCipheriv, createDecipheriv, type KeyObject } from "node:crypto";

const RECORD_SIZE = 4096;
const KEY_INFO = Buffer.from("WebPush: info\0", "latin1");
const CEK_INFO = Buffer.from("Content-Encoding: aes128gcm\0", "latin1");
const NONCE_INFO = Buffer.from("Content-Encoding: nonce\0", "latin1");

function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("A P-256 public key must be 65 bytes, uncompressed");
  return createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") }, format: "jwk" });
}

const hkdf = (ikm: Buffer, salt: Buffer, info: Buffer, length: number) => Buffer.from(hkdfSync("sha256", ikm, salt, info, length));

function deriveKeys(ecdhSecret: Buffer, authSecret: Buffer, uaPublic: Buffer, asPublic: Buffer, salt: Buffer) {
  const ikm = hkdf(ecdhSecret, authSecret, Buffer.concat([KEY_INFO, uaPublic, asPublic]), 32);
  return { cek: hkdf(ikm, salt, CEK_INFO, 16), nonce: hkdf(ikm, salt, NONCE_INFO, 12) };
}

/**
 * Encrypts a payload for a subscription (`p256dh` and `auth` as the browser gives them, base64url).
 * Returns the aes128gcm body: salt ‖ rs ‖ idlen ‖ keyid(as_public) ‖ ciphertext.
 */
export function encryptWebPush(payload: string | Buffer, p256dh: string, auth: string): Buffer {
  const uaPublic = Buffer.from(p256dh, "base64url");
  const authSecret = Buffer.from(auth, "base64url");
  if (authSecret.length < 16) throw new Error("The subscription's auth secret must be 16 bytes");
  if (uaPublic.length !== 65 || uaPublic[0] !== 4) throw new Error("A P-256 public key must be 65 bytes, uncompressed");
  // The ECDH class works on raw points: no key-object conversions (the costly part at city scale).
  const ecdh = createECDH("prime256v1");
  const asPublic = ecdh.generateKeys();
  const ecdhSecret = ecdh.computeSecret(uaPublic);
  const salt = randomBytes(16);
  const { cek, nonce } = deriveKeys(ecdhSecret, authSecret, uaPublic, asPublic, salt);
  const plaintext = Buffer.concat([Buffer.isBuffer(payload) ? payload : Buffer.from(payload, "utf8"), Buffer.from([2])]);
  if (plaintext.length + 16 > RECORD_SIZE) throw new Error("The push payload is too large for one record");
  const cipher = createCipheriv("aes-128-gcm", cek, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(21);
  salt.copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header[20] = asPublic.length;
  return Buffer.concat([header, asPublic, ciphertext]);
}

/** A user agent's subscription keys: the private key stays with the "browser" (fake, tests). */
export type UserAgentKeys = { p256dh: string; auth: string; privateKey: string };

export function generateUserAgentKeys(): UserAgentKeys {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  return { p256dh: publicKey.toString("base64url"), auth: randomBytes(16).toString("base64url"), privateKey: ecdh.getPrivateKey().toString("base64url") };
}

/** Decrypts an aes128gcm Web Push body with the subscription's private key (RFC 8291 §3.4). */
export function decryptWebPush(body: Buffer, keys: UserAgentKeys): string {
  if (body.length < 21) throw new Error("Too short for an aes128gcm header");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error("Only single-record messages are expected");
  const uaPublic = Buffer.from(keys.p256dh, "base64url");
  const d = Buffer.from(keys.privateKey, "base64url");
  const privateKey = createPrivateKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: uaPublic.subarray(1, 33).toString("base64url"),
      y: uaPublic.subarray(33).toString("base64url"),
      d: Buffer.concat([Buffer.alloc(Math.max(0, 32 - d.length)), d]).toString("base64url"),
    },
    format: "jwk",
  });
  const ecdhSecret = diffieHellman({ privateKey, publicKey: publicKeyFromRaw(Buffer.from(asPublic)) });
  const { cek, nonce } = deriveKeys(ecdhSecret, Buffer.from(keys.auth, "base64url"), uaPublic, Buffer.from(asPublic), Buffer.from(salt));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("The last record must end with the delimiter 0x02");
  return padded.subarray(0, end).toString("utf8");
}
