import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runDisasterCli } from "./cli.ts";
import { fixtureFiles } from "./testing/fixtures.ts";

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runDisasterCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const scratch = mkdtempSync(path.join(tmpdir(), "machi-disaster-cli-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

const HOSTILE = '<?xml version="1.0"?>\n<!DOCTYPE Report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Report><Control><Title>&xxe;</Title></Control></Report>\n';

describe("machi disaster jma-parse", () => {
  for (const file of fixtureFiles("jma")) {
    it(`prints one JSON summary for ${path.basename(file)}`, async () => {
      const { code, out, err } = await run("jma-parse", file);
      assert.equal(code, 0);
      assert.equal(err, "");
      const summary = JSON.parse(out) as { title: string; kind: string };
      const xml = readFileSync(file, "utf8");
      const headTitle = /<Title>([\s\S]*?)<\/Title>/.exec(xml.slice(xml.search(/<Head[\s>]/)))?.[1];
      assert.equal(summary.title, headTitle);
      assert.notEqual(summary.kind, "unknown");
    });
  }

  it("fails with a plain message for a missing file, a hostile file, a non-JMA file and garbage", async () => {
    const cases = [
      path.join(scratch, "does-not-exist.xml"),
      scratchFile("hostile.xml", HOSTILE),
      scratchFile("cap.xml", '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'),
      scratchFile("garbage.xml", "this is not xml {"),
      scratch,
    ];
    for (const file of cases) {
      const { code, out, err } = await run("jma-parse", file);
      assert.equal(code, 1, file);
      assert.equal(out, "");
      assert.match(err, /^jma-parse: /);
      assert.throws(() => JSON.parse(err), "stderr is not JSON");
      assert.doesNotMatch(err, /root:x:0/);
    }
    assert.match((await run("jma-parse", cases[1] as string)).err, /DOCTYPE declaration is refused/);
  });

  it("prints usage and exits 2 without FILE, with extra arguments, or for an unknown command", async () => {
    for (const args of [["jma-parse"], ["jma-parse", "a.xml", "b.xml"], ["frobnicate", "a.xml"], []]) {
      const { code, out, err } = await run(...args);
      assert.equal(code, 2, args.join(" "));
      assert.equal(out, "");
      assert.match(err, /Usage: machi disaster <command> FILE/);
    }
    const help = await run("--help");
    assert.equal(help.code, 0);
    assert.match(help.out, /jma-parse FILE/);
  });
});

describe("machi disaster cap-validate", () => {
  for (const file of [...fixtureFiles("cap/valid"), ...fixtureFiles("cap/invalid")]) {
    const name = path.basename(file);
    const shouldFail = name.endsWith("_invalid_schema.xml");
    it(`${shouldFail ? "rejects" : "accepts"} ${name}`, async () => {
      const { code, out, err } = await run("cap-validate", file);
      const lines = out.trimEnd().split("\n");
      assert.equal(err, "");
      if (shouldFail) {
        assert.equal(code, 1);
        const problems = lines.filter((l) => !l.startsWith("warning ")).slice(0, -1);
        assert.equal(lines.at(-1), `invalid (${problems.length} ${problems.length === 1 ? "problem" : "problems"})`);
        assert.match(problems[0] ?? "", /^schema \(line \d+\): /);
      } else {
        assert.equal(code, 0, out);
        assert.equal(lines.at(-1), "valid");
        assert.ok(lines.slice(0, -1).every((l) => l.startsWith("warning ")), out);
      }
    });
  }

  it("prints every problem on its own line", async () => {
    const alert = readFileSync(fixtureFiles("cap/valid").find((f) => f.endsWith("us.xml")) as string, "utf8")
      .replace(/<references>[^<]*<\/references>/, "<references>only-two,parts</references>")
      .replace(/<expires>[^<]*<\/expires>/, "<expires>2000-01-01T00:00:00-10:00</expires>");
    const { code, out } = await run("cap-validate", scratchFile("broken.xml", alert));
    assert.equal(code, 1);
    const lines = out.trimEnd().split("\n");
    assert.match(out, /^references\.format \/alert\/references: /m);
    assert.match(out, /^expires\.before-sent \/alert\/info\[1\]\/expires: /m);
    assert.match(lines.at(-1) ?? "", /^invalid \(\d+ problems\)$/);
  });

  it("reports a hostile alert as invalid, and an unreadable file or bad usage with exit 2", async () => {
    const hostile = await run("cap-validate", scratchFile("hostile-cap.xml", HOSTILE));
    assert.equal(hostile.code, 1);
    assert.equal(hostile.out, `xml.doctype_forbidden (line 2): ${"XML with a DOCTYPE declaration is refused: CAP and JMA XML never use one, and DTDs enable external-entity (XXE) and entity-expansion attacks."}\ninvalid (1 problem)\n`);
    const missing = await run("cap-validate", path.join(scratch, "nope.xml"));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^cap-validate: Cannot read .*nope\.xml: no such file/);
    assert.equal((await run("cap-validate")).code, 2);
  });
});
