// e2e/kill-mid-delivery.ts under the runner: the server SIGKILLed between the commit of changes and
// their delivery; the next server on the same PostgreSQL database delivers every webhook and e-mail
// once (TEST_DATABASE_URL). Needs `npx next build`.
import { harness } from "./run";

harness("e2e/kill-mid-delivery.ts", {
  phases: ["killed between commit and delivery", "a new server delivers each once"],
  nodeArgs: ["--conditions=react-server"],
});
