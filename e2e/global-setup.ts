import fs from "node:fs";
import { SEEN_KEYS_FILE } from "./fixtures/test";

/** Starts each run with an empty record of seen keys (see check-no-plaintext.ts). */
export default function globalSetup() {
  fs.rmSync(SEEN_KEYS_FILE, { force: true });
}
