/**
 * Where the shared disaster fixtures are. The repository is checked out beside a read-only `shared/`
 * folder (here /work/main + /work/shared; on CI another folder name), so the path is found from this
 * file's location, never hard-coded.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the nearest folder above this file that holds package.json. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the disaster module");
    dir = parent;
  }
  return dir;
}

export const SHARED_DIR = path.resolve(repoRoot(), "..", "shared");
export const DISASTER_FIXTURES = path.join(SHARED_DIR, "fixtures", "disaster");

/** Absolute paths of the *.xml files in a fixture folder (relative to shared/fixtures/disaster), sorted. */
export function fixtureFiles(folder: string): string[] {
  const dir = path.join(DISASTER_FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".xml"))
    .sort()
    .map((name) => path.join(dir, name));
}
