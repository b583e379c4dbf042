import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expectAccessible, expectFitsViewport } from "./fixtures/page-checks";
import { installStandIn } from "./fixtures/wallet-stand-ins";
import {
  approveInWallet,
  confirmCopied,
  expect,
  gotoReady,
  issueKey,
  pickMenuItem,
  readNewKey,
  setWallet,
  signIn,
  signedInPage,
  LAPTOP,
  PHONE,
  test,
  type Viewport,
} from "./fixtures/test";
import { adminWallet, freshWallet, type TestWallet } from "./fixtures/wallets";

// Step-up (issue #29): a change that widens a key asks the wallet for a fresh signature over a
// receipt the dialog shows first. Driven with a message-signing wallet (the Freighter stand-in)
// and a transaction-only one (Rabet), on a laptop and a phone, with axe in light and dark.
const SHOTS = path.join(__dirname, "screenshots");

async function openAs(browser: Browser, wallet: TestWallet, viewport: Viewport, kind: "freighter" | "rabet"): Promise<Page> {
  if (kind === "freighter") return signedInPage(browser, wallet, viewport);
  const page = await (await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } })).newPage();
  await installStandIn(page, "rabet", wallet);
  await signIn(page);
  return page;
}

/** Opens the edit dialog of `name` and asks for a new allowlist: the change that needs a signature. */
async function editAllowlist(page: Page, name: string, allowlist: string) {
  await pickMenuItem(
    page
      .getByRole("row")
      .filter({ hasText: name })
      .getByRole("button", { name: /^Actions for / }),
    "Edit",
  );
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await edit.getByLabel("Allowed IPs (optional)").fill(allowlist);
  await edit.getByRole("button", { name: "Save changes" }).click();
  return edit;
}

/** The dialog in light and dark: into the test's output, or with KEYPORT_UPDATE_SHOTS=1 over e2e/screenshots (committed). */
async function shots(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = `${name}${scheme === "dark" ? "-dark" : ""}.png`;
    const out = process.env.KEYPORT_UPDATE_SHOTS ? path.join(SHOTS, file) : test.info().outputPath(file);
    await page.screenshot({ path: out, animations: "disabled" });
  }
  await page.emulateMedia({ colorScheme: null });
}

for (const [label, viewport] of [
  ["laptop", LAPTOP],
  ["phone", PHONE],
] as const) {
  test(`Freighter signs the receipt before an allowlist change; a refusal keeps the form (${label})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const wallet = freshWallet();
    const page = await openAs(browser, wallet, viewport, "freighter");
    await issueKey(page, "office-only");

    const edit = await editAllowlist(page, "office-only", "203.0.113.0/24");
    const dialog = page.getByRole("dialog", { name: "Approve in your wallet" });
    const receipt = dialog.getByTestId("step-up-receipt");
    // The receipt names the change and what it grants before the wallet is asked anything.
    await expect(receipt).toContainText("Action: Change an API key's scopes or IP allowlist");
    await expect(receipt).toContainText("IP allowlist: any address -> 203.0.113.0/24");
    await expect(receipt).toContainText('Key: "office-only"');
    await expect(receipt).toContainText(wallet.address);
    await expectAccessible(page, `the step-up dialog (${label})`);
    await expectFitsViewport(page, `the step-up dialog (${label})`);
    await shots(page, `step-up-dialog${label === "phone" ? "-phone" : ""}`);

    // The wallet says no: the dialog says so, nothing changes, and the form keeps what was typed.
    await setWallet(page, { rejectSign: true });
    await dialog.getByRole("button", { name: "Sign with Freighter" }).click();
    await expect(dialog.getByRole("alert")).toContainText("You declined in Freighter. Nothing was signed and nothing changed");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(edit.getByRole("alert")).toContainText("not approved in your wallet");
    await expect(edit.getByLabel("Allowed IPs (optional)")).toHaveValue("203.0.113.0/24");

    // Signed: saved, and the key carries the allowlist.
    await setWallet(page, { rejectSign: false });
    await edit.getByRole("button", { name: "Save changes" }).click();
    expect(await approveInWallet(page)).toContain("203.0.113.0/24");
    await expect(page.getByText("Saved office-only.")).toBeVisible();
    await expect(edit).toHaveCount(0);
  });
}

test("Rabet, which signs only transactions, approves a change on a phone with a signed challenge transaction", async ({ browser }) => {
  test.setTimeout(90_000);
  const wallet = freshWallet();
  const page = await openAs(browser, wallet, PHONE, "rabet");
  await issueKey(page, "rabet-key");
  await editAllowlist(page, "rabet-key", "198.51.100.7");
  const dialog = page.getByRole("dialog", { name: "Approve in your wallet" });
  await expect(dialog).toContainText("Rabet shows a transaction that is never submitted");
  await expect(dialog.getByTestId("step-up-receipt")).toContainText("IP allowlist: any address -> 198.51.100.7");
  const posted = page.waitForRequest((r) => r.method() === "POST" && /stepUpTransaction/.test(r.postData() ?? ""));
  await approveInWallet(page, "Rabet");
  await posted;
  await expect(page.getByText("Saved rabet-key.")).toBeVisible();
});

test("the admin's audit log says who signed, and the copied receipt verifies on /verify-receipt", async ({ browser }) => {
  test.skip(!adminWallet, "needs the admin wallet");
  test.setTimeout(120_000);
  const wallet = freshWallet();
  const page = await openAs(browser, wallet, LAPTOP, "freighter");
  await issueKey(page, "audited");
  await editAllowlist(page, "audited", "192.0.2.1");
  await approveInWallet(page);
  await expect(page.getByText("Saved audited.")).toBeVisible();

  const admin = await signedInPage(browser, adminWallet!);
  await admin.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await gotoReady(admin, `/admin/audit?actor=${wallet.address}`);
  const row = admin
    .getByRole("row")
    .filter({ hasText: "audited" })
    .filter({ has: admin.getByTestId("signed-by") })
    .first();
  await expect(row.getByTestId("signed-by")).toHaveText(`Signed by ${wallet.address.slice(0, 5)}…${wallet.address.slice(-4)} in Freighter`);
  await row.getByRole("button", { name: "Copy receipt" }).click();
  const json = await admin.evaluate(() => navigator.clipboard.readText());

  await gotoReady(admin, "/verify-receipt");
  await admin.getByLabel("Signed receipt (JSON)").fill(json);
  await admin.getByRole("button", { name: "Verify receipt" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Valid" })).toContainText(`Valid: signed by ${wallet.address}`);
  await expectAccessible(admin, "/verify-receipt with a valid receipt");

  await admin.getByLabel("Signed receipt (JSON)").fill(json.replace("192.0.2.1", "192.0.2.2"));
  await admin.getByRole("button", { name: "Verify receipt" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Invalid" })).toContainText("signature does not match");
});

test("an owner changes a member's role with a signature naming the member and both roles", async ({ browser }) => {
  test.setTimeout(120_000);
  const id = randomBytes(3).toString("hex");
  const owner = await openAs(browser, freshWallet(), LAPTOP, "freighter");
  await owner.getByRole("button", { name: /^Workspace / }).click();
  await owner.getByRole("menuitem", { name: /Create a team/ }).click();
  await expect(owner).toHaveURL(/\/teams$/);
  await owner.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await owner.getByLabel("Team name").fill(`Roles ${id}`);
  await owner.getByLabel("URL name").fill(`roles-${id}`);
  await owner.getByRole("button", { name: "Create team" }).click();
  await expect(owner).toHaveURL(new RegExp(`/w/roles-${id}/members$`));
  const member = freshWallet();
  await owner.getByLabel("Stellar address").fill(member.address);
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByTestId("pending-invitation")).toContainText(member.address);

  const memberPage = await signedInPage(browser, member);
  await gotoReady(memberPage, "/teams");
  await memberPage.getByTestId("invitation").getByRole("button", { name: "Accept" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/w/roles-${id}/api-keys$`));

  await gotoReady(owner, `/w/roles-${id}/members`);
  await owner.getByLabel(`Role of ${member.address}`).selectOption("admin");
  const receipt = await approveInWallet(owner);
  expect(receipt).toContain(`Member: ${member.address}`);
  expect(receipt).toMatch(/Role: \w+ -> Admin/);
  await expect(owner.getByText("Role changed.")).toBeVisible();
  await expect(owner.getByLabel(`Role of ${member.address}`)).toHaveValue("admin");
});

test("a Mainnet key is created and rotated only with a signature each, the rotation's over its own dialog", async ({ browser }) => {
  test.skip(!adminWallet, "needs the admin wallet");
  test.setTimeout(150_000);
  const nickname = `Step Sam ${randomBytes(2).toString("hex")}`;
  const page = await openAs(browser, freshWallet(), LAPTOP, "freighter");
  await gotoReady(page, "/settings/profile");
  await page.getByLabel("Name").fill(nickname);
  await page.getByLabel("Use case").fill("Payroll in USDC");
  await page.getByRole("button", { name: "Update profile" }).click();
  await expect(page.getByText("Profile updated.")).toBeVisible();

  const admin = await signedInPage(browser, adminWallet!);
  await gotoReady(admin, "/admin/users");
  await admin.getByRole("searchbox", { name: "Search users" }).fill(nickname);
  const row = admin.getByRole("row").filter({ hasText: nickname });
  await row.getByRole("switch", { name: `Mainnet approved for ${nickname}` }).click();
  await approveInWallet(admin);
  await expect(row.getByRole("switch", { name: `Mainnet approved for ${nickname}` })).toBeChecked();

  await gotoReady(page, "/settings/api-keys");
  await page.getByRole("button", { name: "Request API key" }).click();
  await page.getByRole("radio", { name: /Mainnet/ }).check();
  await page.getByLabel("Key name").fill("payroll-live");
  await page.getByRole("button", { name: "Request key" }).click();
  expect(await approveInWallet(page)).toContain("Network: Mainnet");
  expect(await readNewKey(page)).toMatch(/^kp_live_/);
  await confirmCopied(page);

  await pickMenuItem(
    page
      .getByRole("row")
      .filter({ hasText: "payroll-live" })
      .getByRole("button", { name: /^Actions for / }),
    "Rotate",
  );
  await page.getByRole("dialog", { name: "Rotate payroll-live" }).getByRole("button", { name: "Rotate key" }).click();
  expect(await approveInWallet(page)).toContain("Action: Rotate an API key");
  expect(await readNewKey(page)).toMatch(/^kp_live_/);
});
