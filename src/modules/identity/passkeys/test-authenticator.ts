/**
 * A software WebAuthn authenticator for tests (never used by the app): it makes an ES256 key pair
 * per credential and answers creation and request options exactly as a browser with a platform
 * authenticator would hand them to the page — attestation "none", clientDataJSON, authenticator
 * data with the RP ID hash, flags and signature counter, and ECDSA assertion signatures.
 *
 *   const authenticator = new TestAuthenticator({ origin: "http://localhost:3000" });
 *   const response = authenticator.register(creationOptionsJSON);   // → RegistrationResponseJSON
 *   const assertion = authenticator.authenticate(requestOptionsJSON); // → AuthenticationResponseJSON
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) return Buffer.from([(major << 5) | 25, value >> 8, value & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(value, 1);
  return out;
}

/** The CBOR (RFC 8949) subset WebAuthn needs: integers, byte and text strings, arrays, maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");

export type TestCredential = { id: Buffer; privateKey: KeyObject; publicKey: KeyObject; userHandle: string; rpId: string; counter: number };

export type AuthenticatorOptions = {
  /** The page origin the browser reports (BASE_URL's origin). */
  origin: string;
  /** Report user verification (PIN / biometric); default true. */
  userVerified?: boolean;
  /** Signature counter step per use; 0 for authenticators without a counter (as synced passkeys). */
  counterStep?: number;
};

type CreationOptions = { challenge: string; rp: { id?: string; name: string }; user: { id: string; name: string } };
type RequestOptions = { challenge: string; rpId?: string; allowCredentials?: Array<{ id: string }> };

export class TestAuthenticator {
  readonly credentials: TestCredential[] = [];
  origin: string;
  userVerified: boolean;
  counterStep: number;

  constructor(options: AuthenticatorOptions) {
    this.origin = options.origin;
    this.userVerified = options.userVerified ?? true;
    this.counterStep = options.counterStep ?? 1;
  }

  #flags(attested: boolean): number {
    return 0x01 | (this.userVerified ? 0x04 : 0) | (attested ? 0x40 : 0);
  }

  #clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), "utf8");
  }

  /** navigator.credentials.create() → the JSON the page posts (RegistrationResponseJSON). */
  register(options: CreationOptions, overrides: { origin?: string; challenge?: string } = {}) {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = new Map<Cbor, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
    const id = randomBytes(16);
    const credential: TestCredential = { id, privateKey, publicKey, userHandle: options.user.id, rpId, counter: 0 };
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      createHash("sha256").update(rpId).digest(),
      Buffer.from([this.#flags(true)]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      idLength,
      id,
      cbor(coseKey),
    ]);
    const attestationObject = cbor({ fmt: "none", attStmt: {}, authData });
    this.credentials.push(credential);
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(this.#clientData("webauthn.create", overrides.challenge ?? options.challenge, overrides.origin)),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    };
  }

  /**
   * navigator.credentials.get() → AuthenticationResponseJSON, with the first credential for the RP
   * (or `credential`). `counter` forces the signature counter (to test a cloned authenticator).
   */
  authenticate(options: RequestOptions, overrides: { credential?: TestCredential; counter?: number; origin?: string; challenge?: string } = {}) {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const credential = overrides.credential ?? this.credentials.find((c) => c.rpId === rpId);
    if (!credential) throw new Error(`no test credential for ${rpId}`);
    credential.counter = overrides.counter ?? credential.counter + this.counterStep;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authenticatorData = Buffer.concat([createHash("sha256").update(rpId).digest(), Buffer.from([this.#flags(false)]), counter]);
    const clientData = this.#clientData("webauthn.get", overrides.challenge ?? options.challenge, overrides.origin);
    const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientData).digest()]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    };
  }
}
