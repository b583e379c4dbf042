// The embedded data directory holds every user's email and phone and the generated secrets:
// only the account running Keyport may read it. Created 0700 with files 0600; anything found
// readable by group or others (an older version, a copy, a seed run) is fixed with a warning.
import fs from "node:fs";
import path from "node:path";

/** Makes `dir` and everything in it private to this user; returns how many entries were fixed. */
export function makePrivate(dir: string): number {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let fixed = 0;
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) {
      fs.chmodSync(p, stat.isDirectory() ? 0o700 : 0o600);
      fixed++;
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return fixed;
}

/**
 * Called by the process that opens the embedded database, before it does: the directory is
 * made private, and so is every file this process creates from now on (umask 077).
 */
export function secureDataDir(dir: string) {
  process.umask(0o077);
  const fixed = makePrivate(dir);
  if (fixed) console.warn(`[keyport] ${dir} was readable by other users: made ${fixed} entries private (directories 0700, files 0600).`);
}
