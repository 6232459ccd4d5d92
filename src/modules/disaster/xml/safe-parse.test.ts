import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertSafeXml, decodeEntities, parseXmlSafely, XmlInputError } from "./safe-parse.ts";
import { all, textAt } from "./xml-tree.ts";
import { decodeXmlBytes } from "./read-xml-file.ts";

const XXE = `<?xml version="1.0"?>
<!DOCTYPE alert [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>`;

function refusal(fn: () => unknown): XmlInputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof XmlInputError, `expected XmlInputError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the input to be refused");
}

describe("parseXmlSafely", () => {
  it("refuses an external-entity (XXE) payload with a clear message", () => {
    const error = refusal(() => parseXmlSafely(XXE));
    assert.equal(error.reason, "xml.doctype_forbidden");
    assert.equal(error.code, "invalid_input");
    assert.match(error.message, /DOCTYPE declaration is refused/);
    assert.equal(error.line, 2);
    assert.doesNotMatch(error.message, /root:/, "never the content of /etc/passwd");
  });

  it("refuses a billion-laughs entity bomb at once", () => {
    const started = performance.now();
    const error = refusal(() => parseXmlSafely(BILLION_LAUGHS));
    assert.equal(error.reason, "xml.doctype_forbidden");
    assert.ok(performance.now() - started < 100, "refused before any expansion");
  });

  it("refuses DOCTYPE in any letter case and a stray ENTITY declaration", () => {
    assert.equal(refusal(() => parseXmlSafely('<!doctype a SYSTEM "http://evil.example/a.dtd"><a/>')).reason, "xml.doctype_forbidden");
    assert.equal(refusal(() => parseXmlSafely('<a><!ENTITY x "y"></a>')).reason, "xml.entity_forbidden");
  });

  it("refuses input over the size limit before parsing", () => {
    const error = refusal(() => parseXmlSafely(`<a>${"x".repeat(2000)}</a>`, { maxBytes: 1000 }));
    assert.equal(error.reason, "xml.too_large");
    assert.equal(error.code, "payload_too_large");
    // Multi-byte text is measured in UTF-8 bytes, not characters.
    assert.equal(refusal(() => assertSafeXml(`<a>${"あ".repeat(400)}</a>`, { maxBytes: 1000 })).reason, "xml.too_large");
  });

  it("refuses malformed XML with the line of the problem", () => {
    const error = refusal(() => parseXmlSafely("<a>\n<b>\n</a>"));
    assert.equal(error.reason, "xml.not_well_formed");
    assert.equal(error.line, 3);
    assert.equal(refusal(() => parseXmlSafely("")).reason, "xml.not_well_formed");
    assert.equal(refusal(() => parseXmlSafely("<a/><b/>")).reason, "xml.not_well_formed");
    assert.equal(refusal(() => parseXmlSafely("<a>x</a>trailing")).reason, "xml.not_well_formed");
  });

  it("refuses undeclared entities instead of passing them through", () => {
    assert.match(refusal(() => parseXmlSafely("<a>&xxe;</a>")).message, /&xxe;/);
    assert.equal(refusal(() => parseXmlSafely('<a b="&nbsp;"/>')).reason, "xml.not_well_formed");
  });

  it("refuses names that would pollute object prototypes, and very deep nesting", () => {
    assert.equal(refusal(() => parseXmlSafely("<a><__proto__><polluted>1</polluted></__proto__></a>")).reason, "xml.not_well_formed");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const deep = "<a>".repeat(5000) + "</a>".repeat(5000);
    assert.equal(refusal(() => parseXmlSafely(deep)).reason, "xml.not_well_formed");
  });

  it("reads ordinary XML: prefixes removed, predefined and numeric entities decoded, CDATA kept verbatim", () => {
    const root = parseXmlSafely(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet href="s.xsl"?>\n<!-- note -->\n' +
        '<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2" cap:lang="ja">' +
        "<cap:note>a &lt;b&gt; &amp; &#12354;&#x3044;</cap:note><cap:note><![CDATA[<raw> &amp;]]></cap:note></cap:alert>",
    );
    assert.equal(root.name, "alert");
    assert.equal(root.attributes.lang, "ja");
    assert.deepEqual(all(root, "note").map((n) => n.text), ["a <b> & あい", "<raw> &amp;"]);
    assert.equal(textAt(root, "missing"), undefined);
  });

  it("decodes only what XML defines", () => {
    assert.equal(decodeEntities("&quot;&apos;&#65;&#x1F600;"), "\"'A😀");
    assert.throws(() => decodeEntities("a & b"), XmlInputError);
    assert.throws(() => decodeEntities("&#0;"), XmlInputError);
  });
});

describe("decodeXmlBytes", () => {
  it("honours the declared encoding and refuses undecodable bytes", () => {
    const shiftJis = Uint8Array.from([...Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a>'), 0x82, 0xa0, ...Buffer.from("</a>")]);
    assert.equal(textAt(parseXmlSafely(decodeXmlBytes(shiftJis))), "あ");
    assert.throws(() => decodeXmlBytes(Uint8Array.from([...Buffer.from("<a>"), 0xff, 0xfe, 0xfd, ...Buffer.from("</a>")])), XmlInputError);
    assert.throws(() => decodeXmlBytes(Buffer.from('<?xml version="1.0" encoding="x-no-such"?><a/>')), XmlInputError);
  });
});
