import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDirectory } from "./dir-lock";

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-lock-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("lockDirectory", () => {
  it("refuses a second owner, naming the directory and the holder", async () => {
    const dir = tempDir();
    const first = await lockDirectory(dir);
    const second = lockDirectory(dir).catch((e: unknown) => e);
    const error = (await second) as DataDirLockedError;
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect(error.message).toContain(fs.realpathSync(dir));
    expect(error.holder?.pid).toBe(process.pid);
    expect(error.message).toContain(`process ${process.pid}`);
    await first.release();
  });

  it("can be taken again once released, and is then held again", async () => {
    const dir = tempDir();
    const first = await lockDirectory(dir);
    await expect(lockDirectory(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    const again = await lockDirectory(dir);
    await expect(lockDirectory(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await again.release();
  });

  it("locks each directory separately: holding one neither blocks nor frees another", async () => {
    const [dirA, dirB] = [tempDir(), tempDir()];
    const a = await lockDirectory(dirA);
    const b = await lockDirectory(dirB);
    await expect(lockDirectory(dirA)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(lockDirectory(dirB)).rejects.toBeInstanceOf(DataDirLockedError);
    await b.release();
    await expect(lockDirectory(dirA)).rejects.toBeInstanceOf(DataDirLockedError);
    await (await lockDirectory(dirB)).release();
    await a.release();
  });

  it("treats two paths to the same directory as one", async () => {
    const dir = tempDir();
    const link = path.join(tempDir(), "link");
    fs.symlinkSync(dir, link);
    const first = await lockDirectory(dir);
    await expect(lockDirectory(link)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
  });
});
