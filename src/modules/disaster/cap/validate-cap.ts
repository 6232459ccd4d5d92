/**
 * Validates a CAP 1.2 alert: (a) against the OASIS CAP 1.2 XML Schema with libxml2 (xmllint-wasm,
 * no native code), every schema error with its line; (b) against the rules of the CAP 1.2
 * standard the schema cannot express (cap-rules.ts). XML-DSig signatures are not checked.
 *
 * @example
 *   const result = await validateCap(xml);
 *   if (!result.valid) for (const p of result.problems) console.log(p.rule, p.message, p.line ?? p.path);
 */
import { readFileSync } from "node:fs";
import { validateXML, memoryPages } from "xmllint-wasm";
import { checkCapRules, type CapProblem } from "./cap-rules.ts";
import { parseXmlSafely, XmlInputError, type SafeXmlOptions } from "../xml/safe-parse.ts";

export type { CapProblem } from "./cap-rules.ts";

export type CapValidation = {
  /** True when there are no problems (warnings do not count). */
  valid: boolean;
  problems: CapProblem[];
  /** Deviations from the standard that real alerts commonly show; reported, not failing. */
  warnings: CapProblem[];
};

export type ValidateCapOptions = SafeXmlOptions;

const CAP_NAMESPACE = "{urn:oasis:names:tc:emergency:cap:1.2}";

let capSchema: string | undefined;

/** The OASIS CAP 1.2 schema (CAP-v1.2.xsd beside this file), read once per process. */
function capSchemaText(): string {
  capSchema ??= readFileSync(new URL("./CAP-v1.2.xsd", import.meta.url), "utf8");
  return capSchema;
}

/** Validates a CAP 1.2 alert given as text. Never throws for bad input: everything wrong is a problem. */
export async function validateCap(xml: string, options: ValidateCapOptions = {}): Promise<CapValidation> {
  let root;
  try {
    root = parseXmlSafely(xml, options);
  } catch (error) {
    if (!(error instanceof XmlInputError)) throw error;
    const problem: CapProblem = { rule: error.reason, message: error.message };
    if (error.line !== undefined) problem.line = error.line;
    return { valid: false, problems: [problem], warnings: [] };
  }
  const schemaProblems = await checkSchema(xml);
  const rules = checkCapRules(root);
  const problems = [...schemaProblems, ...rules.problems];
  return { valid: problems.length === 0, problems, warnings: rules.warnings };
}

async function checkSchema(xml: string): Promise<CapProblem[]> {
  // The text is already decoded: tell libxml2 it is UTF-8 whatever the declaration said.
  const contents = withoutBom(xml).replace(/^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, "$1$2UTF-8$2");
  try {
    const result = await validateXML({
      xml: { fileName: "alert.xml", contents },
      schema: { fileName: "CAP-v1.2.xsd", contents: capSchemaText() },
      // libxml2 keeps the document tree in WebAssembly memory: allow up to 512 MiB for 10 MB inputs.
      maxMemoryPages: 512 * memoryPages.MiB,
    });
    if (result.valid) return [];
    const problems: CapProblem[] = [];
    for (const error of result.errors) {
      // Parser echoes (source line, caret) come without a location; the located line says it all.
      if (error.loc === null) continue;
      problems.push({ rule: "schema", message: readableSchemaMessage(error.message), line: error.loc.lineNumber });
    }
    if (problems.length === 0) problems.push({ rule: "schema", message: result.rawOutput.trim() || "The alert does not conform to the CAP 1.2 schema." });
    return problems;
  } catch (error) {
    const reason = error instanceof Error ? error.message.trim() : String(error);
    return [{ rule: "schema", message: `Schema validation could not run: ${reason.split("\n")[0]}` }];
  }
}

function readableSchemaMessage(message: string): string {
  return message
    .replace(/^Schemas validity error\s*:\s*/, "")
    .replaceAll(CAP_NAMESPACE, "")
    .trim();
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
