/**
 * `machi documents …` — documents from the command line.
 *
 *   issue-sample --out FILE.pdf   a sealed sample 住民票の写し for the demo resident 松本 陽子
 *
 * The seal is the one the server would use (SEAL_P12_* / SEAL_KEY_PATH + SEAL_CERT_PATH, else the
 * demo seal in DATA_DIR/documents, generated on first use). The sample is not recorded in the
 * database: its verification code is marked as a sample and /verify does not know it.
 * Exit 0 written, 1 failure (seal configuration, fonts, file system), 2 bad usage.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { newVerificationCode } from "./commands/issue-document.ts";
import { formatCode, renderResidenceCertificatePdf, type ResidenceRecord } from "./commands/render-residence-certificate.ts";
import { loadSealer } from "./signing/load-sealer.ts";

export type DocumentsCliIo = {
  stdout: (s: string) => void;
  /** Progress lines go here too, so that stdout stays one line. */
  stderr: (s: string) => void;
};

export const DOCUMENTS_CLI_USAGE = [
  "Usage: machi documents issue-sample --out FILE.pdf",
  "",
  "Writes a sample 住民票の写し (demo resident 松本 陽子) sealed with the configured seal",
  "(SEAL_P12_PATH / SEAL_P12_BASE64 / SEAL_KEY_PATH + SEAL_CERT_PATH), or with the demo seal",
  "in DATA_DIR/documents when none is configured. Check it with `pdfsig FILE.pdf`.",
  "",
  "Exit 0 written, 1 failure, 2 bad usage.",
  "",
].join("\n");

/** The demo resident of the catalogue (DEMO_RESIDENTS[0]) as the residence record shows her. */
export const SAMPLE_RESIDENCE_RECORD: ResidenceRecord = {
  name: "松本 陽子",
  furigana: "マツモト ヨウコ",
  birthDate: "1988-06-14",
  address: "大阪府大阪市北区天神橋3丁目9-99 天神橋ハイツ501",
  householder: "松本 陽子",
};

/** Runs a documents subcommand; returns the process exit code. */
export async function runDocumentsCli(
  args: string[],
  io: DocumentsCliIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(DOCUMENTS_CLI_USAGE);
    return 0;
  }
  const usage = (message: string): number => {
    io.stderr(`machi documents: ${message}\n\n${DOCUMENTS_CLI_USAGE}`);
    return 2;
  };
  if (command !== "issue-sample") return usage(command === undefined ? "missing command" : `unknown command "${command}"`);
  let out: string | undefined;
  try {
    ({ values: { out } } = parseArgs({ args: rest, strict: true, allowPositionals: false, options: { out: { type: "string" } } }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (!out) return usage("--out FILE.pdf is required");

  const nodeEnv = env.NODE_ENV === "production" || env.NODE_ENV === "test" ? env.NODE_ENV : "development";
  const dataDir = path.resolve(env.DATA_DIR ?? "data");
  const baseUrl = (env.BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, "");
  try {
    io.stderr("loading the seal (the demo seal is generated on first use)…\n");
    const sealer = await loadSealer({ env, dataDir, nodeEnv });
    io.stderr(`sealing with ${sealer.info.subject}${sealer.info.demo ? " (demo seal)" : ""}…\n`);
    const verificationCode = newVerificationCode();
    const pdf = await renderResidenceCertificatePdf({
      certificateType: "resident_record",
      record: SAMPLE_RESIDENCE_RECORD,
      issuerTitle: "大阪市長",
      verificationCode,
      verifyUrl: `${baseUrl}/verify/${verificationCode}`,
      issuedAt: new Date(),
      sealer,
    });
    await writeFile(out, pdf);
    io.stdout(`${out}: sample 住民票の写し, ${pdf.length} bytes, sealed by ${sealer.info.subject}${sealer.info.demo ? " (demo)" : ""}; sample code ${formatCode(verificationCode)} (not registered)\n`);
    return 0;
  } catch (error) {
    io.stderr(`machi documents: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
