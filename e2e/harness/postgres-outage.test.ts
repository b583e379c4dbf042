// e2e/postgres-outage.ts under the runner: PostgreSQL hung and cut off behind a TCP proxy;
// 503s within a second, recovery by itself, nothing committed lost. Needs `npx next build`.
import { harness } from "./run";

harness("e2e/postgres-outage.ts", { phases: ["hang", "cut", "the run as a whole"], nodeArgs: ["--conditions=react-server"] });
