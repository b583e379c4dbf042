import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { githubPublicKeysJson } from "./e2e/fixtures/github-scanning";
import { adminWallet } from "./e2e/fixtures/wallets";

// QA: BASE_URL=http://host:port npm run test:e2e runs the suite against a running deployment.
// Without BASE_URL, a production build is started here on a fresh embedded database.
const external = process.env.BASE_URL;
const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = external ?? `http://127.0.0.1:${port}`;
/** Where e2e/multisig.spec.ts serves its Horizon stand-in. */
const horizonPort = port + 1;
const dataDir = path.join(os.tmpdir(), "keyport-e2e");
export const e2eServerLog = path.join(os.tmpdir(), "keyport-e2e-server.log");

export default defineConfig({
  testDir: "e2e",
  // `npm run screenshots` runs the README's screenshot walk instead of the suite.
  testMatch: process.env.KEYPORT_SCREENSHOTS ? "**/*.shots.ts" : "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  fullyParallel: true,
  // Half the cores, Playwright's default, in CI too: on a 2-core machine two browsers beside the
  // server overloaded it (load 9–11, tests timing out at 30 s); one worker keeps every test well
  // inside its time.
  workers: undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Debian's Chromium: Playwright's own browser download cannot work on these machines.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: external
    ? undefined
    : {
        command: [
          process.env.E2E_SKIP_BUILD ? null : "npx next build",
          `rm -rf '${dataDir}'`,
          `npx tsx server.ts 2>&1 | tee '${e2eServerLog}'`,
        ]
          .filter(Boolean)
          .join(" && "),
        url: `${baseURL}/sign-in`,
        reuseExistingServer: false,
        timeout: 240_000,
        stdout: "ignore",
        env: {
          HOST: "127.0.0.1",
          PORT: String(port),
          AUTH_URL: baseURL,
          KEYPORT_DATA_DIR: dataDir,
          ADMIN_ADDRESSES: adminWallet?.address ?? "",
          DATABASE_URL: "",
          // The suite signs in dozens of times from one IP; the limit has its own tests.
          RATE_LIMIT_SIGNIN_PER_MINUTE: "10000",
          // GitHub secret scanning, with a key pair of the suite's own (e2e/fixtures/github-scanning.ts).
          GITHUB_SECRET_SCANNING_KEYS: githubPublicKeysJson(),
          // The development wallet, for its own test; not in the README's screenshots of sign-in.
          TEST_WALLET: process.env.KEYPORT_SCREENSHOTS ? "false" : "true",
          // Screens that say "contact support" link it (e2e/newcomer-walk.spec.ts).
          SUPPORT_EMAIL: "support@keyport.test",
          // Signer weights (SEP-10 tokens, multisig teams) come from a Horizon stand-in the spec
          // serves on the next port (e2e/multisig.spec.ts); nothing here reaches the real network.
          HORIZON_URL_PUBLIC: `http://127.0.0.1:${horizonPort}`,
        },
      },
});
