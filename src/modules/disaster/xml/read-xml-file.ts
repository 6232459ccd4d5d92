/**
 * Reads an XML file into text: refuses files over the size limit before reading them, honours a
 * byte-order mark or the encoding named in the XML declaration (JMA and CAP use UTF-8; older feeds
 * may say Shift_JIS or ISO-8859-1), and never guesses: undecodable bytes are an error.
 */
import { readFile, stat } from "node:fs/promises";
import { DEFAULT_MAX_XML_BYTES, XmlInputError } from "./safe-parse.ts";

/** The file could not be read at all (missing, a directory, no permission). */
export class XmlFileUnreadableError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`Cannot read ${path}: ${reason}`);
    this.path = path;
    this.name = "XmlFileUnreadableError";
  }
}

/** Reads and decodes an XML file. Throws XmlFileUnreadableError or XmlInputError (too large, undecodable). */
export async function readXmlFile(path: string, options: { maxBytes?: number } = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new XmlFileUnreadableError(path, "not a regular file");
    if (info.size > maxBytes) {
      throw new XmlInputError("xml.too_large", `XML document is larger than the limit of ${maxBytes} bytes (${info.size} bytes).`);
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof XmlFileUnreadableError || error instanceof XmlInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new XmlFileUnreadableError(path, code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? String(error)));
  }
  return decodeXmlBytes(bytes);
}

/** Decodes XML bytes: BOM first, then the declared encoding, else UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  let encoding = "utf-8";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = "utf-8";
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  else {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared !== undefined) encoding = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new XmlInputError("xml.not_well_formed", `XML declares an unsupported encoding "${encoding}".`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlInputError("xml.not_well_formed", `XML is not valid ${encoding} text.`);
  }
}
