/**
 * The embedded database (PGlite) belongs to one process at a time: two processes writing
 * the same files would corrupt it. A lock file holding the owner's pid guards the data
 * directory; a lock left by a process that no longer runs is taken over.
 */
import fs from "node:fs";
import path from "node:path";

export class DataDirBusyError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another Machi process (pid ${pid}). ` +
        `Stop that process first (e.g. the server started with \`npm start\`), ` +
        `or point DATABASE_URL at a PostgreSQL server to share one database between processes.`,
    );
    this.pid = pid;
  }
}

export type DataDirLock = { release(): void };

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, "machi.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(file, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) throw new DataDirBusyError(dataDir, owner);
      fs.unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
