/**
 * `machi signatures …` — verify a CMS signature file from the command line.
 *
 *   verify --signature FILE [--content FILE] --trust CA.pem [--trust …] [--intermediate FILE …]
 *          [--crl FILE …] [--ocsp URL] [--at ISO-TIME]
 *
 * Prints one JSON object on stdout: {"valid": true|false, "reason": null|code, "detail"?, "signer": {…}|null, …}.
 * Exit 0 valid, 1 not valid, 2 bad usage or an unreadable file.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { verifyCms, type CmsVerification } from "./verify-cms.ts";

export type SignaturesCliIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
};

export const SIGNATURES_CLI_USAGE = [
  "Usage: machi signatures verify --signature FILE [--content FILE] --trust CA.pem [options]",
  "",
  "Verifies a CMS (PKCS#7) SignedData, DER or PEM, attached or detached (give --content).",
  "",
  "Options:",
  "  --signature FILE      the signature (openssl cms -sign output)",
  "  --content FILE        the signed data, for a detached signature",
  "  --trust FILE          trusted CA certificate(s), PEM or DER; repeatable",
  "  --intermediate FILE   intermediate CA certificate(s) not in the signature; repeatable",
  "  --crl FILE            CRL(s), PEM or DER; makes revocation checking mandatory; repeatable",
  "  --ocsp URL            ask this OCSP responder about the signer certificate",
  "  --at TIME             validate at this ISO 8601 time instead of the signing time",
  "",
  "Prints one JSON object (valid, reason, signer, …). Exit 0 valid, 1 not valid, 2 bad usage.",
  "",
].join("\n");

/** Runs a signatures subcommand; returns the process exit code. */
export async function runSignaturesCli(args: string[], io: SignaturesCliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(SIGNATURES_CLI_USAGE);
    return 0;
  }
  const usage = (message: string): number => {
    io.stderr(`machi signatures: ${message}\n${SIGNATURES_CLI_USAGE}`);
    return 2;
  };
  if (command !== "verify") return usage(command === undefined ? "missing command" : `unknown command "${command}"`);

  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        signature: { type: "string" },
        content: { type: "string" },
        trust: { type: "string", multiple: true },
        intermediate: { type: "string", multiple: true },
        crl: { type: "string", multiple: true },
        ocsp: { type: "string" },
        at: { type: "string" },
      },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (!values.signature) return usage("--signature FILE is required");
  if (!values.trust?.length) return usage("--trust CA.pem is required");
  let at: Date | undefined;
  if (values.at !== undefined) {
    at = new Date(values.at);
    if (Number.isNaN(at.getTime())) return usage(`--at "${values.at}" is not an ISO 8601 time`);
  }
  if (values.ocsp !== undefined && !/^https?:\/\//.test(values.ocsp)) return usage(`--ocsp "${values.ocsp}" is not an http(s) URL`);

  let files;
  try {
    files = {
      signature: await read(values.signature),
      content: values.content === undefined ? undefined : await read(values.content),
      trust: await Promise.all(values.trust.map(read)),
      intermediates: await Promise.all((values.intermediate ?? []).map(read)),
      crls: await Promise.all((values.crl ?? []).map(read)),
    };
  } catch (error) {
    io.stderr(`machi signatures: ${(error as Error).message}\n`);
    return 2;
  }

  const result = await verifyCms({
    signature: files.signature,
    ...(files.content ? { content: files.content } : {}),
    trustAnchors: files.trust,
    intermediates: files.intermediates,
    crls: files.crls,
    ...(values.ocsp ? { ocsp: { url: values.ocsp } } : {}),
    ...(at ? { at } : {}),
  });
  io.stdout(`${JSON.stringify(report(result), null, 2)}\n`);
  return result.valid ? 0 : 1;
}

async function read(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${file}${code ? ` (${code})` : ""}`);
  }
}

/** valid, reason and signer first, always present; the rest of the verification after them. */
function report(result: CmsVerification): Record<string, unknown> {
  if (result.valid) {
    const { valid, signer, ...rest } = result;
    return { valid, reason: null, signer, ...rest };
  }
  return { valid: false, reason: result.reason, detail: result.detail, signer: result.signer ?? null };
}
