/** Japanese demo data: departments, catalogue, staff and residents. Filled in below. */
import type { Db } from "../core/db/database.ts";

export async function seedDemoIfEmpty(_db: Db): Promise<boolean> {
  return false;
}

export function demoLoginsText(): string {
  return "";
}
