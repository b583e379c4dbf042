// Exclusive ownership of the embedded database directory.
//
// PGlite has no protection against a second process: in our test a second opener
// destroyed 52,000 committed rows. The lock is a listening Unix socket in Linux's
// abstract namespace, named after the directory's real path. The kernel releases it the
// instant the owner dies (kill -9 included), so there is no stale lock to clean up and
// no window where two processes both think they own it. The owner answers connections
// with who it is, so the refusal can name the holder.
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type LockHolder = { pid: number; command: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `process ${holder.pid} (${holder.command}, since ${holder.since})` : "another process";
    super(
      `Keyport's embedded database at ${directory} is already open in ${who}. ` +
        `Only one process may open it at a time: stop that process first, ` +
        `or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "DataDirLockedError";
  }
}

export type DirLock = { directory: string; release: () => Promise<void> };

function socketName(directory: string): string {
  const digest = createHash("sha256").update(directory).digest("hex").slice(0, 40);
  // Abstract sockets (leading NUL) exist only on Linux; elsewhere fall back to a socket
  // file in the directory, which a crash leaves behind (see `takeOver`).
  return process.platform === "linux" ? `\0keyport-db-${digest}` : path.join(directory, ".keyport.sock");
}

function listen(server: net.Server, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(name, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Asks the current owner who it is; null when nobody answers (a stale socket file). */
function askHolder(name: string): Promise<LockHolder | null | "unreachable"> {
  return new Promise((resolve) => {
    const socket = net.connect(name);
    let data = "";
    const done = (value: LockHolder | null | "unreachable") => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(2000, () => done(null));
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => {
      try {
        done(JSON.parse(data) as LockHolder);
      } catch {
        done(null);
      }
    });
    socket.on("error", (e: NodeJS.ErrnoException) => done(e.code === "ECONNREFUSED" ? "unreachable" : null));
  });
}

export async function lockDirectory(dir: string): Promise<DirLock> {
  fs.mkdirSync(dir, { recursive: true });
  const directory = fs.realpathSync(dir);
  const name = socketName(directory);
  const me: LockHolder = {
    pid: process.pid,
    command: path.basename(process.argv[1] ?? process.argv0) + (process.argv[2] ? ` ${process.argv[2]}` : ""),
    since: new Date().toISOString(),
  };
  const server = net.createServer((socket) => socket.end(JSON.stringify(me)));
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, name);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
      const holder = await askHolder(name);
      if (holder === "unreachable" && !name.startsWith("\0") && attempt === 0) {
        fs.rmSync(name, { force: true }); // a socket file left by a crashed owner
        continue;
      }
      throw new DataDirLockedError(directory, holder === "unreachable" ? null : holder);
    }
  }
  server.unref(); // the lock must not keep the process alive on its own
  return {
    directory,
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
