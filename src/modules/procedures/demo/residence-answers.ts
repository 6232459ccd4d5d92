/**
 * What a resident types into 住民票の写し交付請求 page by page (POST bodies, as a browser sends
 * them), for demo cases and benchmarks. The identity page needs an uploaded file besides.
 */
export type PageBody = Record<string, string>;

export function residencePageBodies(person: { family: string; given: string; familyKana: string; givenKana: string; postalCode: string; address: string; phone: string }): Array<[pageId: string, body: PageBody]> {
  return [
    ["certificate", { certificate_type: "resident_record" }],
    ["requester", { requester_type: "self" }],
    [
      "requester_name",
      {
        "requester_name.family": person.family,
        "requester_name.given": person.given,
        "requester_furigana.family": person.familyKana,
        "requester_furigana.given": person.givenKana,
        "requester_birth_date.era": "showa",
        "requester_birth_date.year": "60",
        "requester_birth_date.month": "4",
        "requester_birth_date.day": "1",
      },
    ],
    ["requester_contact", { "requester_address.postalCode": person.postalCode, "requester_address.address": person.address, "requester_address.building": "", requester_phone: person.phone }],
    ["scope", { scope: "all" }],
    ["contents", {}],
    ["copies", { copies: "1" }],
    ["purpose", { purpose: "employment", submit_to: "" }],
    ["delivery", { delivery: "registered" }],
  ];
}

/** A tiny but well-formed PDF for the identity document upload. */
export const DEMO_PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1");
