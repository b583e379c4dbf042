// The embedded database's two promises, checked with real processes:
// one owner at a time, and nothing acknowledged is lost to kill -9.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError } from "./dir-lock";
import { openEmbedded } from "./embedded";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-embedded-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function startWriter(): { child: ChildProcess; acked: () => number; waitFor: (n: number) => Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "test/embedded-writer.ts", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let last = 0;
  let buffer = "";
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      const m = /^ack (\d+)$/.exec(line);
      if (m) last = Number(m[1]);
      if (line === "ready" || m) waiters.filter((w) => last >= w.n).forEach((w) => w.resolve());
    }
  });
  return {
    child,
    acked: () => last,
    waitFor: (n) =>
      new Promise((resolve, reject) => {
        waiters.push({ n, resolve });
        child.once("exit", (code) => reject(new Error(`writer exited early (${code})`)));
      }),
  };
}

describe("embedded database ownership", () => {
  it("refuses a second process while one owns it, then survives kill -9 with every acknowledged write", async () => {
    const writer = startWriter();
    await writer.waitFor(200);

    const second = await openEmbedded(dataDir).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as DataDirLockedError).holder?.pid).toBe(writer.child.pid);
    expect((second as Error).message).toContain(path.join(fs.realpathSync(dataDir), "pglite"));

    await writer.waitFor(writer.acked() + 300); // mid-burst
    const exited = new Promise((r) => writer.child.once("exit", r));
    writer.child.kill("SIGKILL");
    await exited;
    const acknowledged = writer.acked();
    expect(acknowledged).toBeGreaterThanOrEqual(500);

    // The kernel freed the lock with the process: reopening works at once.
    const reopened = await openEmbedded(dataDir);
    try {
      const { rows } = await reopened.db.query<{ n: number; max: number }>(
        "SELECT count(*)::int AS n, max(id) AS max FROM burst WHERE id <= $1",
        [acknowledged],
      );
      expect(rows[0]).toEqual({ n: acknowledged, max: acknowledged });
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
