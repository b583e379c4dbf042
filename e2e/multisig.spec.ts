import { randomBytes } from "node:crypto";
import { Keypair } from "@stellar/stellar-sdk";
import type { Browser, Page } from "@playwright/test";
import { horizonStandIn } from "../test/horizon-stand-in";
import { expectAccessible, expectFitsViewport } from "./fixtures/page-checks";
import { freighterStub } from "./fixtures/freighter-stub";
import { installStandIn } from "./fixtures/wallet-stand-ins";
import { approveInWallet, confirmCopied, expect, gotoReady, readNewKey, signIn, signedInPage, TESTNET, test } from "./fixtures/test";
import { adminWallet, freshWallet, type TestWallet } from "./fixtures/wallets";

// Multisig teams (issue #29, part 3): a team linked to a 2-of-3 Stellar account needs two of its
// signers, each signing from their own session: the owner with a message-signing wallet (the
// Freighter stand-in), a developer with a transaction-only one (Rabet), a third with Freighter.
// Horizon is a stand-in this spec serves (the server reads HORIZON_URL_PUBLIC, playwright.config.ts).
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const horizon = horizonStandIn(Number(process.env.E2E_PORT ?? 3200) + 1);

test.describe.configure({ mode: "serial" });
test.beforeAll(() => horizon.listen());
test.afterAll(() => horizon.close());

async function openAs(browser: Browser, wallet: TestWallet, viewport: typeof LAPTOP, kind: "freighter" | "rabet"): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (kind === "freighter")
    await page.addInitScript(freighterStub, {
      ...wallet,
      networkPassphrase: TESTNET,
      rejectAccess: false,
      rejectSign: false,
      locked: false,
    });
  else await installStandIn(page, "rabet", wallet);
  await signIn(page);
  return page;
}

async function createTeam(page: Page, name: string, slug: string, useCase?: string) {
  await gotoReady(page, "/teams");
  await page.getByLabel("Team name").fill(name);
  await page.getByLabel("URL name").fill(slug);
  if (useCase) await page.getByLabel("Use case").fill(useCase);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/members$`));
}

async function invite(page: Page, address: string, role: string) {
  await page.getByLabel("Stellar address").fill(address);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("pending-invitation").filter({ hasText: address })).toBeVisible();
}

async function accept(page: Page, slug: string) {
  await gotoReady(page, "/teams");
  await page.getByTestId("invitation").getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/api-keys$`));
}

const approval = (page: Page, title: string) => page.getByTestId("approval").filter({ hasText: title });

/** Signs the approval titled `title` on the Members page, in `wallet`; returns the receipt the dialog showed. */
async function sign(page: Page, slug: string, title: string, wallet = "Freighter") {
  await gotoReady(page, `/w/${slug}/members`);
  await approval(page, title).getByRole("button", { name: "Sign" }).click();
  return approveInWallet(page, wallet);
}

for (const [label, viewport] of [
  ["laptop", LAPTOP],
  ["phone", PHONE],
] as const) {
  test(`a team linked to a 2-of-3 account needs two of its signers, message and transaction wallets alike (${label})`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const id = randomBytes(3).toString("hex");
    const slug = `multi-${id}`;
    const [owner, dev, third] = [freshWallet(), freshWallet(), freshWallet()];
    const account = Keypair.random().publicKey();
    horizon.accounts.set(account, { thresholds: [1, 2, 2], signers: [owner, dev, third].map((w) => ({ key: w.address, weight: 1 })) });

    const ownerPage = await openAs(browser, owner, viewport, "freighter");
    await createTeam(ownerPage, `Multisig ${id}`, slug);
    await invite(ownerPage, dev.address, "developer");
    await invite(ownerPage, third.address, "viewer");
    const devPage = await openAs(browser, dev, viewport, "rabet");
    await accept(devPage, slug);
    const thirdPage = await openAs(browser, third, viewport, "freighter");
    await accept(thirdPage, slug);

    // The owner asks to link the team; the link waits for the account's signers.
    await gotoReady(ownerPage, `/w/${slug}/settings`);
    await ownerPage.getByLabel("Stellar account (G…)").fill(account);
    await ownerPage.getByRole("button", { name: "Ask to link" }).click();
    await expect(ownerPage).toHaveURL(new RegExp(`/w/${slug}/members$`));
    const link = approval(ownerPage, "Link this workspace");
    await expect(link.getByTestId("approval-weight")).toHaveText("Weight 0 of 2 · 2 missing");
    const receipt = await sign(ownerPage, slug, "Link this workspace");
    expect(receipt).toContain(`Stellar account: ${account}`);
    expect(receipt).toContain("Approval: ");
    await expect(ownerPage.getByText("Signed. It needs 1 more weight")).toBeVisible();
    await expect(link.getByTestId("approval-weight")).toHaveText("Weight 1 of 2 · 1 missing");

    // The developer signs from their own session, in Rabet (a transaction carrying the receipt's hash).
    await sign(devPage, slug, "Link this workspace", "Rabet");
    await expect(devPage.getByText("Signed: the weight is met and the change is made.")).toBeVisible();
    await gotoReady(ownerPage, `/w/${slug}/settings`);
    await expect(ownerPage.getByTestId("linked-account")).toContainText(account);

    // Linked: the owner's role change waits for co-signers instead of taking their signature alone.
    await gotoReady(ownerPage, `/w/${slug}/members`);
    const thirdRow = ownerPage.getByTestId("member").filter({ hasText: third.address });
    await thirdRow.getByRole("combobox").selectOption("developer");
    await expect(ownerPage.getByText(/waits under Pending approvals/).first()).toBeVisible();
    await gotoReady(ownerPage, `/w/${slug}/members`);
    const role = approval(ownerPage, "Change a member's role");
    await expect(role).toContainText("Role: Viewer -> Developer");
    await expect(role).toContainText("Your change waits for the co-signers.");
    await sign(ownerPage, slug, "Change a member's role");
    await expect(role.getByTestId("approval-weight")).toHaveText("Weight 1 of 2 · 1 missing");
    await expect(role).toContainText("You signed: it waits for the other signers.");
    await ownerPage.mouse.move(0, 0);
    await expectAccessible(ownerPage, `pending approvals (${label})`);
    await expectFitsViewport(ownerPage, `pending approvals (${label})`);
    await ownerPage.screenshot({ path: test.info().outputPath(`pending-approvals-${label}.png`), fullPage: true });
    await expect(thirdRow.getByRole("combobox")).toHaveValue("viewer");

    // The third signer's signature completes it: the role is changed.
    await sign(thirdPage, slug, "Change a member's role");
    await expect(thirdPage.getByText("Signed: the weight is met and the change is made.")).toBeVisible();
    await gotoReady(ownerPage, `/w/${slug}/members`);
    await expect(ownerPage.getByTestId("member").filter({ hasText: third.address }).getByRole("combobox")).toHaveValue("developer");
    await expect(approval(ownerPage, "Change a member's role")).toHaveCount(0);
    await expectAccessible(ownerPage, `members of a linked team (${label})`);
    await expectFitsViewport(ownerPage, `members of a linked team (${label})`);
  });
}

test("in a linked team a Mainnet key waits for two signers, and the member who asked completes it and sees it once", async ({
  browser,
}) => {
  test.skip(!adminWallet, "needs the admin wallet to approve the team for Mainnet");
  test.setTimeout(240_000);
  const id = randomBytes(3).toString("hex");
  const slug = `vault-${id}`;
  const name = `Vault ${id}`;
  const [owner, dev] = [freshWallet(), freshWallet()];
  const account = Keypair.random().publicKey();
  horizon.accounts.set(account, {
    thresholds: [1, 2, 2],
    signers: [owner, dev, freshWallet()].map((w) => ({ key: w.address, weight: 1 })),
  });

  const ownerPage = await openAs(browser, owner, LAPTOP, "freighter");
  await createTeam(ownerPage, name, slug, "Treasury payouts from a multisig account");
  await invite(ownerPage, dev.address, "developer");
  const devPage = await openAs(browser, dev, LAPTOP, "rabet");
  await accept(devPage, slug);

  // An admin approves the team for Mainnet (their own step-up).
  const admin = await signedInPage(browser, adminWallet!);
  await admin.goto(`/admin/workspaces?q=${slug}`);
  const toggle = admin.getByRole("switch", { name: `Mainnet approval of ${name}` });
  await expect(async () => {
    await toggle.click();
    await expect(admin.getByRole("dialog", { name: "Approve in your wallet" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await approveInWallet(admin);
  await expect(toggle).toBeChecked();

  // Linked by two of its three signers.
  await gotoReady(ownerPage, `/w/${slug}/settings`);
  await ownerPage.getByLabel("Stellar account (G…)").fill(account);
  await ownerPage.getByRole("button", { name: "Ask to link" }).click();
  await expect(ownerPage).toHaveURL(new RegExp(`/w/${slug}/members$`));
  await sign(ownerPage, slug, "Link this workspace");
  await sign(devPage, slug, "Link this workspace", "Rabet");
  await expect(devPage.getByText("Signed: the weight is met and the change is made.")).toBeVisible();

  // The developer asks for a Mainnet key: it waits for the signers instead of being issued.
  await gotoReady(devPage, `/w/${slug}/api-keys`);
  await devPage.getByRole("button", { name: "Request API key" }).click();
  const dialog = devPage.getByRole("dialog", { name: "Request API key" });
  await dialog.getByRole("radio", { name: /Mainnet/ }).check();
  await dialog.getByLabel("Key name").fill("treasury-live");
  await dialog.getByRole("button", { name: "Request key" }).click();
  await expect(devPage.getByText(/waits under Pending approvals/).first()).toBeVisible();
  // Said as what happens next, not as a refusal, with the way there.
  await expect(dialog.getByRole("link", { name: "Open Pending approvals" })).toHaveAttribute("href", `/w/${slug}/members`);

  const receipt = await sign(devPage, slug, "Create an API key", "Rabet");
  expect(receipt).toContain('Key name: "treasury-live"');
  expect(receipt).toContain("Network: Mainnet");
  await expect(devPage.getByText("Signed. It needs 1 more weight")).toBeVisible();
  await sign(ownerPage, slug, "Create an API key");
  await expect(ownerPage.getByText("Signed: the weight is met. The member who asked completes it.")).toBeVisible();
  await expect(approval(ownerPage, "Create an API key")).toContainText("the member who asked completes it");

  await gotoReady(devPage, `/w/${slug}/members`);
  await approval(devPage, "Create an API key").getByRole("button", { name: "Complete" }).click();
  expect(await readNewKey(devPage)).toMatch(/^kp_live_/);
  await confirmCopied(devPage);
  await expect(approval(devPage, "Create an API key")).toHaveCount(0);
  await gotoReady(devPage, `/w/${slug}/api-keys`);
  await expect(devPage.getByRole("link", { name: "treasury-live", exact: true })).toBeVisible();

  // The team's audit log names both signers; the copied receipt (both signatures) verifies offline.
  await ownerPage.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await gotoReady(ownerPage, `/w/${slug}/audit`);
  const row = ownerPage
    .getByRole("row")
    .filter({ hasText: "treasury-live" })
    .filter({ has: ownerPage.getByTestId("signed-by") });
  await expect(row.getByTestId("signed-by")).toHaveText(
    `Signed by ${short(dev.address)} in Rabet and 1 co-signer (${short(owner.address)})`,
  );
  await row.getByRole("button", { name: "Copy receipt" }).click();
  const json = await ownerPage.evaluate(() => navigator.clipboard.readText());
  await gotoReady(ownerPage, "/verify-receipt");
  await ownerPage.getByLabel("Signed receipt (JSON)").fill(json);
  await ownerPage.getByRole("button", { name: "Verify receipt" }).click();
  await expect(ownerPage.getByRole("status").filter({ hasText: "Valid" })).toContainText(
    `Co-signed for the same approval (a multisig team) by ${owner.address}`,
  );
  // What was signed altered (Mainnet read as Testnet): invalid.
  await ownerPage.getByLabel("Signed receipt (JSON)").fill(json.replace(/Network: Mainnet/g, "Network: Testnet"));
  await ownerPage.getByRole("button", { name: "Verify receipt" }).click();
  await expect(ownerPage.getByRole("alert").filter({ hasText: "Invalid" })).toBeVisible();
});

const short = (address: string) => `${address.slice(0, 5)}…${address.slice(-4)}`;
