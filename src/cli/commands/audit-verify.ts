import { verifyAuditChain } from "../../core/audit/audit.ts";
import type { Db } from "../../core/db/database.ts";
import type { CliIo } from "../io.ts";

/** Exit 0 when the whole chain is intact, 1 at the first changed, missing or reordered record. */
export async function auditVerify(db: Db, io: CliIo): Promise<number> {
  const result = await verifyAuditChain(db, (checked) => io.progress(`checked ${checked} audit records…`));
  if (result.ok) {
    io.stdout(`audit log intact: ${result.records} records, head ${result.head.slice(0, 16)}…\n`);
    return 0;
  }
  io.stdout(`audit log BROKEN at record ${result.brokenAt}: ${result.reason} (${result.records} records verified before it)\n`);
  return 1;
}
