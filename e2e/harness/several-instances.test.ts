// e2e/several-instances.ts under the runner: fail-fast configuration, socket client IPs, and two
// production instances behind nginx (TEST_DATABASE_URL, TEST_REDIS_URL). Needs `npx next build`.
import { harness } from "./run";

harness("e2e/several-instances.ts", {
  phases: ["fail-fast configuration", "socket client IPs and a private data directory", "two instances behind nginx"],
  nodeArgs: ["--conditions=react-server"],
});
