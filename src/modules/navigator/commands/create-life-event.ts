/**
 * Adds a new life event: an empty draft (version 1) owned by one of the staff member's
 * departments, to be filled in with the editor and published by a manager.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { skeletonDefinition } from "../editor.ts";
import { assertDefinitionEditor } from "../policy.ts";
import { insertDefinition, lockEvent, maxVersion } from "../queries.ts";
import { EVENT_CODE, RESERVED_EVENTS } from "../schema.ts";
import { auditNavigator } from "./support.ts";

export type CreateLifeEventOptions = {
  db: Db;
  actor: Actor;
  /** The new code (URL: /navigator/<event>). */
  event: string;
  title: LocalizedText;
  /** One of the actor's departments. */
  departmentCode: string;
};

/** Throws AppError('invalid_input', 'navigator.event_code') or ('conflict', 'navigator.event_exists'). */
export async function createLifeEvent(options: CreateLifeEventOptions): Promise<void> {
  assertDefinitionEditor(options.actor, options.departmentCode);
  if (!EVENT_CODE.test(options.event) || RESERVED_EVENTS.includes(options.event)) throw new AppError("invalid_input", "navigator.event_code");
  if (!options.title.ja.trim()) throw new AppError("invalid_input", "navigator.title_required");
  await options.db.transaction(async (tx) => {
    await lockEvent(tx, options.event);
    if ((await maxVersion(tx, options.event)) > 0) throw new AppError("conflict", "navigator.event_exists");
    await insertDefinition(tx, {
      event: options.event,
      version: 1,
      status: "draft",
      departmentCode: options.departmentCode,
      definition: skeletonDefinition(options.event, options.title, 100),
      basedOn: null,
      userId: options.actor.id,
    });
    await auditNavigator(tx, options.actor, "navigator.event_created", "navigator_definition", `${options.event}@1`, options.departmentCode, { event: options.event });
  });
}
