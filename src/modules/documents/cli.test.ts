/**
 * `machi documents issue-sample`: run as an operator would (the real CLI entry in a child process),
 * then checked with poppler: pdfsig says the seal is valid and covers the whole file, pdftotext
 * gives back the Japanese text.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runDocumentsCli, SAMPLE_RESIDENCE_RECORD } from "./cli.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "machi-documents-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function machi(args: string[]) {
  return spawnSync(process.execPath, [path.join(root, "src/cli/main.ts"), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, DATA_DIR: path.join(dir, "data"), NODE_ENV: "test" },
    encoding: "utf8",
  });
}

test("issue-sample writes a sealed 住民票の写し that pdfsig validates and pdftotext reads", () => {
  const out = path.join(dir, "sample.pdf");
  const run = machi(["documents", "issue-sample", "--out", out]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /sample 住民票の写し/);
  assert.equal(readFileSync(out).subarray(0, 5).toString("latin1"), "%PDF-");

  const pdfsig = spawnSync("pdfsig", [out], { encoding: "utf8" });
  assert.match(pdfsig.stdout, /Signature is Valid\./);
  assert.match(pdfsig.stdout, /Total document signed/);

  const text = execFileSync("pdftotext", ["-enc", "UTF-8", out, "-"], { encoding: "utf8" });
  for (const expected of ["住民票の写し", "氏名", "住所", SAMPLE_RESIDENCE_RECORD.name, "【デモ】"]) assert.ok(text.includes(expected), `pdftotext lacks ${expected}`);
});

test("bad usage exits 2 with the usage on stderr", async () => {
  const run = machi(["documents", "issue-sample"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--out FILE\.pdf is required/);
  for (const args of [["issue-sample", "--out"], ["print"], [], ["issue-sample", "--out", "x.pdf", "--bogus"], ["issue-sample", "extra"]]) {
    let stderr = "";
    const code = await runDocumentsCli(args, { stdout: () => {}, stderr: (s) => (stderr += s) }, { DATA_DIR: path.join(dir, "data") });
    assert.equal(code, 2, args.join(" "));
    assert.match(stderr, /Usage: machi documents issue-sample --out FILE\.pdf/);
  }
});

test("an unwritable output is a failure (exit 1) with the reason", async () => {
  let stderr = "";
  const code = await runDocumentsCli(["issue-sample", "--out", path.join(dir, "no-such-dir", "x.pdf")], { stdout: () => {}, stderr: (s) => (stderr += s) }, { DATA_DIR: path.join(dir, "data"), NODE_ENV: "test" });
  assert.equal(code, 1);
  assert.match(stderr, /ENOENT|no such file/i);
});
