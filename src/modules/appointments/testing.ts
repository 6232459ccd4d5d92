/**
 * Test helpers of the appointments module: the demo offices in a test app, a bookable day and
 * slot found through the JSON API (so tests never hard-code a date that may be closed or past).
 */
import assert from "node:assert/strict";
import type { AppLike } from "../identity/testing.ts";
import { seedAppointmentsDemo } from "./demo.ts";

export type ApiSlot = { id: string; startsAt: string; endsAt: string; capacity: number; remaining: number; bookable: boolean };

export async function seedDemoOffices(app: AppLike): Promise<void> {
  await seedAppointmentsDemo(app.deps.db);
}

/** The first day (from `minDaysAhead` on) with bookable slots, and those slots. */
export async function bookableDay(app: AppLike, options: { office?: string; service?: string; minDaysAhead?: number; skip?: string[] } = {}): Promise<{ day: string; slots: ApiSlot[] }> {
  const office = options.office ?? "kita";
  const service = options.service ?? "residence-certificate";
  const start = Date.now() + (options.minDaysAhead ?? 2) * 86_400_000;
  for (let i = 0; i < 40; i++) {
    const day = new Date(start + i * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 10);
    if (options.skip?.includes(day)) continue;
    const response = await app.http.inject({ url: `/api/appointments/slots?office=${office}&service=${service}&date=${day}` });
    assert.equal(response.statusCode, 200, response.body);
    const body = JSON.parse(response.body) as { open: boolean; slots: ApiSlot[] };
    const slots = body.slots.filter((s) => s.bookable);
    if (body.open && slots.length > 0) return { day, slots };
  }
  throw new Error("no bookable day in the next 40 days");
}

/** The e-mail code in a code e-mail's text. */
export function codeIn(text: string): string {
  const match = /(?:確認コード|Code)[：:]\s*(\d{6})/.exec(text);
  if (!match) throw new Error(`no code in: ${text}`);
  return match[1]!;
}
