/** Who is making a request: a signed-in resident or staff member, or nobody. */
import type { Locale } from "../i18n/index.ts";

export type StaffRole = { departmentCode: string; role: "clerk" | "manager" };

export type Actor = {
  id: string;
  kind: "resident" | "staff";
  email: string;
  displayName: string;
  /** The account's name as read with the session (family and given; either may be ""). */
  name?: { family: string; given: string };
  /** Staff only: departments and roles. Empty for residents. */
  roles: StaffRole[];
  sessionTokenHash: string;
};

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}
