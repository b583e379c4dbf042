// e2e/action-fuzz.ts under the runner: server actions fuzzed over HTTP, on the embedded
// database and on a fresh PostgreSQL database (TEST_DATABASE_URL). Needs `npx next build`.
import { harness } from "./run";

harness("e2e/action-fuzz.ts", { phases: ["embedded database", "PostgreSQL"] });
