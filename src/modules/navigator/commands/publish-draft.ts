/**
 * Publishes the draft of a life event: the draft must pass every check (validate-definition.ts:
 * no errors; warnings are allowed), then in one transaction the published version is retired and
 * the draft becomes the published version that residents see. Managers of the event's department only.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { forgetCatalogue, loadCatalogue } from "../catalogue.ts";
import { assertDefinitionPublisher } from "../policy.ts";
import { forgetPublished } from "../published.ts";
import { lockDraftDefinition, lockEvent, publishDraft } from "../queries.ts";
import { hasErrors, validateDefinition } from "../validate-definition.ts";
import { auditNavigator } from "./support.ts";

export type PublishDraftOptions = {
  db: Db;
  actor: Actor;
  event: string;
  /** The revision the manager reviewed. */
  revision: number;
};

/** Throws 'navigator.definition_invalid' (422, details.problems) when the draft has errors. */
export async function publishDefinitionDraft(options: PublishDraftOptions): Promise<{ version: number }> {
  forgetCatalogue(options.db);
  const catalogue = await loadCatalogue(options.db);
  const result = await options.db.transaction(async (tx) => {
    await lockEvent(tx, options.event);
    const draft = await lockDraftDefinition(tx, options.event);
    if (!draft) throw new AppError("not_found", "navigator.no_draft");
    assertDefinitionPublisher(options.actor, draft.departmentCode);
    if (draft.revision !== options.revision) throw new AppError("conflict", "navigator.stale_revision", { current: draft.revision });
    const { problems } = validateDefinition(draft.definition, { knownProcedures: new Set(catalogue.keys()), event: options.event });
    if (hasErrors(problems)) throw new AppError("invalid_input", "navigator.definition_invalid", { problems: problems.filter((p) => p.severity === "error") });
    await publishDraft(tx, options.event, draft.id, options.actor.id);
    await auditNavigator(tx, options.actor, "navigator.published", "navigator_definition", `${options.event}@${draft.version}`, draft.departmentCode, { event: options.event, version: draft.version, basedOn: draft.basedOn });
    return { version: draft.version };
  });
  forgetPublished(options.db);
  return result;
}
