/**
 * `machi disaster …` subcommands for the intake of official warnings.
 *
 *   jma-parse FILE      one JSON summary of a JMA 防災情報XML message on stdout     exit 0 / 1 bad file / 2 usage
 *   cap-validate FILE   every problem on its own line, then "valid" or "invalid (N problems)"
 *                                                                             exit 0 valid / 1 invalid / 2 usage or unreadable
 *
 * `io.stdout` / `io.stderr` receive whole lines including their "\n" (wire them to process.stdout.write).
 */
import { validateCap } from "./cap/validate-cap.ts";
import type { CapProblem } from "./cap/cap-rules.ts";
import { JmaFormatError, parseJma } from "./jma/parse-jma.ts";
import { readXmlFile, XmlFileUnreadableError } from "./xml/read-xml-file.ts";
import { XmlInputError } from "./xml/safe-parse.ts";

export type DisasterCliIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
};

export const DISASTER_CLI_USAGE = [
  "Usage: machi disaster <command> FILE",
  "",
  "Commands:",
  "  jma-parse FILE      Summarise a JMA 防災情報XML message as one JSON object.",
  "  cap-validate FILE   Validate a CAP 1.2 alert (XML Schema and CAP 1.2 rules); one problem per line.",
  "",
].join("\n");

/** Runs a disaster subcommand; returns the process exit code. */
export async function runDisasterCli(args: string[], io: DisasterCliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(DISASTER_CLI_USAGE);
    return 0;
  }
  if ((command !== "jma-parse" && command !== "cap-validate") || rest.length !== 1 || rest[0] === "") {
    const reason = command === undefined ? "missing command" : command !== "jma-parse" && command !== "cap-validate" ? `unknown command "${command}"` : rest.length === 0 ? "missing FILE" : "expected exactly one FILE";
    io.stderr(`machi disaster: ${reason}\n${DISASTER_CLI_USAGE}`);
    return 2;
  }
  const file = rest[0] as string;
  return command === "jma-parse" ? jmaParse(file, io) : capValidate(file, io);
}

async function jmaParse(file: string, io: DisasterCliIo): Promise<number> {
  try {
    const summary = parseJma(await readXmlFile(file));
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof XmlFileUnreadableError || error instanceof XmlInputError || error instanceof JmaFormatError) {
      const line = error instanceof XmlInputError && error.line !== undefined ? ` (line ${error.line})` : "";
      const where = error instanceof XmlFileUnreadableError ? "" : `${file}: `;
      io.stderr(`jma-parse: ${where}${error.message}${line}\n`);
      return 1;
    }
    throw error;
  }
}

async function capValidate(file: string, io: DisasterCliIo): Promise<number> {
  let xml: string;
  try {
    xml = await readXmlFile(file);
  } catch (error) {
    if (error instanceof XmlFileUnreadableError) {
      io.stderr(`cap-validate: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof XmlInputError)) throw error;
    // Too large or undecodable: the file was read, the alert is what is wrong.
    io.stdout(`${formatProblem({ rule: error.reason, message: error.message })}\n`);
    io.stdout("invalid (1 problem)\n");
    return 1;
  }
  const result = await validateCap(xml);
  for (const problem of result.problems) io.stdout(`${formatProblem(problem)}\n`);
  for (const warning of result.warnings) io.stdout(`warning ${formatProblem(warning)}\n`);
  const count = result.problems.length;
  io.stdout(result.valid ? "valid\n" : `invalid (${count} ${count === 1 ? "problem" : "problems"})\n`);
  return result.valid ? 0 : 1;
}

/** "polygon.not-closed /alert/info[1]/area[1]/polygon[1]: …" or "schema (line 16): …". */
export function formatProblem(problem: CapProblem): string {
  const where = [problem.line !== undefined ? `(line ${problem.line})` : "", problem.path ?? ""].filter(Boolean).join(" ");
  return `${problem.rule}${where ? ` ${where}` : ""}: ${problem.message}`;
}
