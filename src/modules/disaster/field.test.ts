/**
 * Field reports: photo metadata stripped but the location kept (from EXIF GPS), magic-byte checks,
 * idempotent replays, and who may send.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { signUpResident, type Browser } from "../identity/testing.ts";
import { multipartBody } from "../procedures/testing.ts";
import { registerCommunityMember } from "./commands/register-community-member.ts";
import { readExifGps, stripPhotoMetadata } from "./photo/strip-metadata.ts";
import { createDisasterTestApp, signedInStaff, type DisasterTestApp } from "./testing/app.ts";

/** A little-endian TIFF/EXIF block with IFD0 (Make, Model, GPS pointer) and a GPS IFD (34°41'37.3"N 135°30'8.3"E). */
function exifBlock(): Buffer {
  const b = Buffer.alloc(200);
  b.write("II", 0, "latin1");
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  // IFD0 at 8: 2 entries
  b.writeUInt16LE(2, 8);
  const model = "SecretCam X100\0";
  // Model (0x0110) ASCII at offset 100
  b.writeUInt16LE(0x0110, 10); b.writeUInt16LE(2, 12); b.writeUInt32LE(model.length, 14); b.writeUInt32LE(150, 18);
  b.write(model, 150, "latin1");
  // GPS IFD pointer (0x8825) LONG → 40
  b.writeUInt16LE(0x8825, 22); b.writeUInt16LE(4, 24); b.writeUInt32LE(1, 26); b.writeUInt32LE(40, 30);
  b.writeUInt32LE(0, 34);
  // GPS IFD at 40: 4 entries (LatRef, Lat, LonRef, Lon); rationals at 100 / 124
  b.writeUInt16LE(4, 40);
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    b.writeUInt16LE(tag, at); b.writeUInt16LE(type, at + 2); b.writeUInt32LE(count, at + 4);
    if (typeof value === "string") b.write(value, at + 8, "latin1"); else b.writeUInt32LE(value, at + 8);
  };
  entry(42, 1, 2, 2, "N\0");
  entry(54, 2, 5, 3, 100);
  entry(66, 3, 2, 2, "E\0");
  entry(78, 4, 5, 3, 124);
  const rationals = (at: number, values: Array<[number, number]>) => values.forEach(([n, d], i) => { b.writeUInt32LE(n, at + i * 8); b.writeUInt32LE(d, at + i * 8 + 4); });
  rationals(100, [[34, 1], [41, 1], [373, 10]]);
  rationals(124, [[135, 1], [30, 1], [83, 10]]);
  return b;
}

function jpegWithExif(): Buffer {
  const exif = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), exifBlock()]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(exif.length + 2), exif]);
  const jfif = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe]), u16(2 + 12), Buffer.from("owner: taro!", "latin1")]);
  const xmp = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(2 + 40), Buffer.from("http://ns.adobe.com/xap/1.0/\0<x:creator/>", "latin1").subarray(0, 40)]);
  const dqt = Buffer.concat([Buffer.from([0xff, 0xdb]), u16(2 + 65), Buffer.alloc(65, 1)]);
  const sos = Buffer.concat([Buffer.from([0xff, 0xda]), u16(8), Buffer.from([1, 1, 0, 0, 63, 0]), Buffer.from([0x12, 0x34, 0x56, 0xff, 0x00, 0x78])]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, app1, xmp, comment, dqt, sos, Buffer.from([0xff, 0xd9])]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

let app: DisasterTestApp;
let staff: Browser;
before(async () => {
  app = await createDisasterTestApp();
  staff = (await signedInStaff(app, "welfare-clerk")).browser;
});
after(async () => app?.stop());

async function send(browser: Browser, fields: Record<string, string>, photo?: { bytes: Buffer; filename: string; contentType: string }, accept = "text/html") {
  const page = await browser.get("/field");
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  const action = /<form method="post" action="([^"]+)"/.exec(page.body.slice(page.body.indexOf("<main")))![1]!.replace(/&amp;/g, "&");
  const key = fields.idempotencyKey ?? /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
  const { payload, contentType } = multipartBody({ ...fields, idempotencyKey: key }, photo ? [{ name: "photo", ...photo }] : []);
  return { response: await browser.request({ method: "POST", url: action, payload, headers: { "content-type": contentType, accept } }), key, action };
}

describe("photo metadata", () => {
  it("strips EXIF, XMP and comments from a JPEG and returns the GPS position", () => {
    const input = jpegWithExif();
    assert.ok(input.includes("SecretCam"));
    const { kind, bytes, gps } = stripPhotoMetadata(input);
    assert.equal(kind, "jpeg");
    assert.deepEqual(gps, { lat: 34.693694, lon: 135.502306 });
    for (const secret of ["Exif", "SecretCam", "owner: taro", "ns.adobe.com"]) assert.ok(!bytes.includes(secret), secret);
    assert.ok(bytes.includes(Buffer.from("JFIF")), "JFIF header kept");
    assert.ok(bytes.subarray(bytes.length - 2).equals(Buffer.from([0xff, 0xd9])));
    assert.equal(readExifGps(Buffer.from("garbage")), null);
  });

  it("drops PNG text chunks and refuses anything that is not JPEG or PNG", () => {
    const chunk = (type: string, data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", Buffer.alloc(13)), chunk("tEXt", Buffer.from("Author\0Taro")), chunk("IDAT", Buffer.alloc(5)), chunk("IEND", Buffer.alloc(0))]);
    const { bytes } = stripPhotoMetadata(png);
    assert.ok(!bytes.includes("Taro"));
    assert.ok(bytes.includes("IDAT") && bytes.includes("IEND"));
    assert.throws(() => stripPhotoMetadata(Buffer.from("%PDF-1.7")), /JPEG or PNG/);
  });
});

describe("field reports", () => {
  it("stores the photo without metadata and takes the report's location from its GPS", async () => {
    const { response } = await send(staff, { category: "building", severity: "high", description: "ブロック塀が倒壊", lat: "", lon: "", ward: "271276" }, { bytes: jpegWithExif(), filename: "IMG_0001.jpg", contentType: "image/jpeg" });
    assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
    const [row] = await queryRows<{ lat: number; lon: number; location_source: string; photo: Buffer }>(app.deps.db, sql`SELECT lat, lon, location_source, photo FROM disaster_field_reports`);
    assert.deepEqual({ lat: row!.lat, lon: row!.lon, source: row!.location_source }, { lat: 34.693694, lon: 135.502306, source: "photo" });
    assert.ok(!row!.photo.includes("Exif") && !row!.photo.includes("SecretCam"));
    const sent = await staff.get(String(response.headers.location));
    assert.match(sent.body, /報告を受け付けました/);
    const id = String(response.headers.location).split("/").pop()!;
    const photo = await staff.get(`/staff/disaster/reports/${id}/photo`);
    assert.equal(photo.headers["content-type"], "image/jpeg");
    assert.ok(!photo.rawPayload.includes("SecretCam"));
  });

  it("refuses a file that only claims to be a photo, keeping what was typed", async () => {
    const { response } = await send(staff, { category: "road", severity: "low", description: "通行止め", lat: "34.7", lon: "135.5" }, { bytes: Buffer.from("<svg onload=alert(1)>"), filename: "x.jpg", contentType: "image/jpeg" });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /JPEG または PNG/);
    assert.match(response.body, /通行止め/);
  });

  it("does not duplicate a report replayed with the same idempotency key", async () => {
    const fields = { category: "flooding", severity: "medium", description: "道路冠水 30cm", lat: "34.70", lon: "135.49", idempotencyKey: "queued-report-0001" };
    const first = await send(staff, fields, undefined, "application/json");
    const second = await send(staff, fields, undefined, "application/json");
    assert.equal(first.response.statusCode, 201);
    assert.equal(second.response.statusCode, 200);
    assert.equal(first.response.json().id, second.response.json().id);
    const [{ n }] = (await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM disaster_field_reports WHERE idempotency_key = 'queued-report-0001'`)) as [{ n: number }];
    assert.equal(n, 1);
  });

  it("lets registered 自主防災組織 members report, not other residents; staff verify, assign, resolve", async () => {
    const member = await signUpResident(app);
    const other = await signUpResident(app);
    assert.equal((await other.browser.get("/field")).statusCode, 403);
    await registerCommunityMember({ db: app.deps.db, actor: null, email: member.email, organisation: "天満地域自主防災会", wardCode: "271276" });
    const { response } = await send(member.browser, { category: "fire", severity: "critical", description: "", lat: "34.70", lon: "135.51" });
    assert.equal(response.statusCode, 303);
    const id = String(response.headers.location).split("/").pop()!;
    assert.equal((await other.browser.get(`/field/reports/${id}`)).statusCode, 403);
    const page = await staff.get(`/staff/disaster/reports/${id}`);
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1]!;
    assert.equal((await staff.post(`/staff/disaster/reports/${id}/verify`, { revision })).statusCode, 303);
    assert.equal((await staff.post(`/staff/disaster/reports/${id}/resolve`, { revision })).statusCode, 409, "stale revision");
    const [staffRow] = await queryRows<{ id: string }>(app.deps.db, sql`SELECT id FROM users WHERE kind = 'staff' LIMIT 1`);
    assert.equal((await staff.post(`/staff/disaster/reports/${id}/assign`, { revision: String(Number(revision) + 1), assignee: staffRow!.id })).statusCode, 303);
    assert.equal((await staff.post(`/staff/disaster/reports/${id}/resolve`, { revision: String(Number(revision) + 2) })).statusCode, 303);
    const [row] = await queryRows<{ status: string; assignee_id: string }>(app.deps.db, sql`SELECT status, assignee_id FROM disaster_field_reports WHERE id = ${id}`);
    assert.deepEqual(row, { status: "resolved", assignee_id: staffRow!.id });
    const map = await staff.get("/staff/disaster/map/reports.geojson");
    assert.equal(map.statusCode, 200);
  });
});
