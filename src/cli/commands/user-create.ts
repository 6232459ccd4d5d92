import type { Db } from "../../core/db/database.ts";
import { createUser } from "../../modules/identity/index.ts";
import type { CliIo } from "../io.ts";
import { UsageError } from "../usage.ts";

export type UserCreateOptions = {
  kind?: string;
  email?: string;
  password?: string;
  family?: string;
  given?: string;
  "family-kana"?: string;
  "given-kana"?: string;
  department?: string;
  role?: string;
};

export async function userCreate(db: Db, options: UserCreateOptions, io: CliIo): Promise<number> {
  const { kind, email, password, family, given } = options;
  if (kind !== "resident" && kind !== "staff") throw new UsageError("--kind must be resident or staff");
  if (!email || !password || !family || !given) throw new UsageError("--email, --password, --family and --given are required");
  if (kind === "staff" && !options.department) throw new UsageError("staff need --department CODE (see the departments table)");
  const role = options.role ?? "clerk";
  if (role !== "clerk" && role !== "manager") throw new UsageError("--role must be clerk or manager");
  const id = await createUser({
    db,
    kind,
    email,
    password,
    familyName: family,
    givenName: given,
    familyKana: options["family-kana"] ?? "",
    givenKana: options["given-kana"] ?? "",
    roles: kind === "staff" ? [{ departmentCode: options.department!, role }] : [],
  });
  io.stdout(`created ${kind} ${id}\n`);
  return 0;
}
