import { test } from "node:test";
import assert from "node:assert/strict";
import type { ResidentProfile } from "../../identity/index.ts";
import { PROCEDURES } from "../demo/catalogue.ts";
import type { FormDefinition } from "../forms/index.ts";
import { applicantField, prefillFromProfile } from "./start-draft.ts";

const profile: ResidentProfile = {
  name: { family: "松本", given: "陽子" },
  furigana: { family: "マツモト", given: "ヨウコ" },
  birthDate: "1988-06-14",
  postalCode: "5300041",
  address: "大阪府大阪市北区天神橋3丁目9-99",
  phone: "09000001234",
  email: "matsumoto.yoko@example.jp",
  emailVerified: true,
};

const formOf = (slug: string): FormDefinition => PROCEDURES.find((p) => p.slug === slug)!.form!;

test("the prefill rule: the applicant's own details by id and type", () => {
  assert.equal(applicantField({ id: "requester_name", type: "name" }), "name");
  assert.equal(applicantField({ id: "guardian_birth_date", type: "date" }), "birth_date");
  assert.equal(applicantField({ id: "phone", type: "phone" }), "phone");
  assert.equal(applicantField({ id: "applicant_email", type: "email" }), "email");
  assert.equal(applicantField({ id: "subject_name", type: "name" }), null, "someone else");
  assert.equal(applicantField({ id: "insured_name", type: "name" }), null, "someone else");
  assert.equal(applicantField({ id: "requester_name", type: "text" }), null, "the type must fit");
});

test("the seed procedures get the applicant's details, never someone else's", () => {
  const residence = prefillFromProfile(formOf("residence-certificate"), profile);
  assert.deepEqual(Object.keys(residence).sort(), ["requester_address", "requester_birth_date", "requester_furigana", "requester_name", "requester_phone"]);
  assert.deepEqual(residence.requester_address, { postalCode: "5300041", address: "大阪府大阪市北区天神橋3丁目9-99" });
  const child = prefillFromProfile(formOf("child-medical-subsidy"), profile);
  assert.deepEqual(Object.keys(child).sort(), ["guardian_address", "guardian_birth_date", "guardian_email", "guardian_furigana", "guardian_name", "guardian_phone"]);
  const care = prefillFromProfile(formOf("long-term-care-certification"), profile);
  assert.deepEqual(Object.keys(care).sort(), ["applicant_address", "applicant_name", "applicant_phone"], "the family member applying, not the person who needs care");
});

test("missing profile fields are not suggested", () => {
  const empty = prefillFromProfile(formOf("residence-certificate"), { ...profile, birthDate: null, phone: null, postalCode: null, address: null });
  assert.deepEqual(Object.keys(empty).sort(), ["requester_furigana", "requester_name"]);
});
