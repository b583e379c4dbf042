import { randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expectAccessible, expectFitsViewport } from "./fixtures/page-checks";
import {
  expect,
  gotoReady,
  issueKey,
  issueKeys,
  LAPTOP,
  PHONE,
  pickMenuItem,
  signIn,
  signedInPage,
  test,
  walletPage,
} from "./fixtures/test";
import { adminWallet, freshWallet } from "./fixtures/wallets";

// The second newcomer walk (issue #25): one test per point this branch fixes, each failing on
// the code the issue was filed against.

const WHY = "Weekly USDC payroll for forty contractors in three countries.";

const keyRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
const rowAction = (row: Locator, item: "Edit" | "Rotate" | "Revoke") =>
  pickMenuItem(row.getByRole("button", { name: /^Actions for / }), item);

/** Creates a team from /teams and lands on its members page. */
async function createTeam(page: Page, name: string, slug: string) {
  await gotoReady(page, "/teams");
  await page.getByLabel("Team name").fill(name);
  await page.getByLabel("URL name").fill(slug);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/members$`));
}

test.describe("the newcomer walk (#25)", () => {
  // Each walk signs in (some twice) and issues keys: well past the default 30 s on a loaded machine.
  test.describe.configure({ timeout: 150_000 });

  test("#25.1 a key being rotated out says which key replaces it and when it stops, not that it is expiring", async ({
    page,
    installWallet,
  }) => {
    const name = `payouts-staging-${randomBytes(2).toString("hex")}`;
    await installWallet();
    await signIn(page);
    await issueKey(page, name);
    await gotoReady(page, "/settings/api-keys");
    await rowAction(keyRow(page, name).first(), "Rotate");
    await page
      .getByRole("dialog", { name: `Rotate ${name}` })
      .getByLabel("24 hours")
      .check();
    await page.getByRole("button", { name: "Rotate key" }).click();
    await page.getByRole("checkbox", { name: /copied/i }).check();
    await page.getByRole("button", { name: "Done" }).click();

    await expect(page.getByTestId("rotation-notice")).toContainText(`${name}`);
    await expect(page.getByTestId("rotation-notice")).toContainText("is replaced by");
    await expect(page.getByTestId("rotation-notice")).toContainText(/stops in (23|24) hours/);
    await expect(page.getByText(/stops working within/)).toHaveCount(0);
    await expect(page.getByText(/Rotate it to get a replacement/)).toHaveCount(0);

    // The old key's page: replaced, not "stops working in 1 day, use Rotate".
    const old = keyRow(page, name).filter({ has: page.getByTestId("lineage").filter({ hasText: "Old key" }) });
    await old.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("This key is being replaced by")).toBeVisible();
    await expect(page.getByText(/This key stops working in/)).toHaveCount(0);
  });

  test("#25.2 Admin → Users fits a laptop and a phone with a Mainnet request waiting", async ({ browser }) => {
    test.skip(!adminWallet, "needs the admin wallet");
    const name = `Queue Quinn ${randomBytes(2).toString("hex")}`;
    const user = freshWallet();
    const page = await signedInPage(browser, user);
    await gotoReady(page, "/settings/profile");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Use case").fill("Payroll in USDC for contractors, paid weekly from an escrow.");
    await page.getByRole("button", { name: "Update profile" }).click();
    await expect(page.getByText("Profile updated.")).toBeVisible();
    await gotoReady(page, "/settings/api-keys");
    const card = page.getByRole("region", { name: "Mainnet access" });
    await card.getByLabel(/Why you need Mainnet/).fill(WHY);
    await card.getByRole("button", { name: /Mainnet access$/ }).click();
    await expect(card.getByTestId("mainnet-status")).toHaveText("Pending");

    for (const viewport of [LAPTOP, PHONE]) {
      const admin = await walletPage(browser, adminWallet!, viewport);
      await signIn(admin);
      await gotoReady(admin, "/admin/users?mainnet=pending");
      await admin.getByRole("searchbox", { name: "Search users" }).fill(user.address.slice(0, 12));
      const row = admin.getByRole("row").filter({ hasText: name });
      await expect(row.getByRole("button", { name: `Decline Mainnet request of ${name}` })).toBeVisible();
      await expectFitsViewport(admin, `/admin/users at ${viewport.width}px`);
      // Every control of the row lies wholly inside the window, none behind a sideways scroll.
      for (const control of await row.getByRole("button").all()) await expect(control).toBeInViewport({ ratio: 1 });
      await admin.context().close();
    }
  });

  test("#25.3 a team's audit log becomes cards on a phone: nothing cut, no word split", async ({ browser }) => {
    const id = randomBytes(3).toString("hex");
    const page = await walletPage(browser, freshWallet(), PHONE);
    await signIn(page);
    await createTeam(page, `Audit Team ${id}`, `audit-${id}`);
    await page.getByLabel("Stellar address").fill(freshWallet().address);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByTestId("pending-invitation")).toHaveCount(1);
    await gotoReady(page, `/w/audit-${id}/audit`);
    const table = page.getByRole("table", { name: `Audit log of Audit Team ${id}` });
    await expect(table.getByRole("row").filter({ hasText: "Invitation" }).first()).toBeVisible();
    // Cards: the header row is hidden and no cell is squeezed into a sliver.
    await expect(table.getByRole("columnheader", { name: "Target" })).toBeHidden();
    const narrowest = await table
      .getByRole("cell")
      .evaluateAll((cells) =>
        Math.min(...cells.filter((c) => c.getBoundingClientRect().width > 0).map((c) => c.getBoundingClientRect().width)),
      );
    expect(narrowest).toBeGreaterThan(200);
    await expectFitsViewport(page, "team audit log");
  });

  test("#25.4 labels say what is so: keys used, support contact, offered scopes; a revoked key in Admin → Keys", async ({
    page,
    installWallet,
    browser,
  }) => {
    test.skip(!adminWallet, "needs the admin wallet");
    const id = randomBytes(2).toString("hex");
    await installWallet();
    await signIn(page);
    await issueKeys(page, `held-${id}`, `paused-${id}`);
    await gotoReady(page, "/settings/api-keys");
    await keyRow(page, `paused-${id}`)
      .getByRole("switch", { name: `Key paused-${id} enabled` })
      .click();
    await expect(keyRow(page, `paused-${id}`)).toContainText("Disabled");
    // Two keys count against the limit, and only one is active: the label says "used", not "active".
    await expect(page.getByTestId("key-count")).toHaveText("2 of 10 keys used");
    await expect(page.getByText(/active keys/)).toHaveCount(0);

    // Only scopes some operation checks are offered.
    await page.getByRole("button", { name: "Request API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Request API key" });
    await expect(dialog.getByRole("checkbox", { name: /escrows:read/ })).toBeVisible();
    await expect(dialog.getByRole("checkbox", { name: /escrows:write|webhooks:write/ })).toHaveCount(0);
    await page.keyboard.press("Escape");

    // The owner pauses, then revokes: Admin → Keys shows a revoked key, not "Paused by its owner", and no switch.
    await rowAction(keyRow(page, `paused-${id}`), "Revoke");
    await page
      .getByRole("dialog", { name: `Revoke paused-${id}?` })
      .getByRole("button", { name: "Revoke key" })
      .click();
    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin/keys");
    await admin.getByRole("searchbox", { name: "Search keys" }).fill(`paused-${id}`);
    const revoked = admin.getByRole("row").filter({ hasText: `paused-${id}` });
    await expect(revoked).toContainText("Revoked");
    await expect(revoked).not.toContainText("Paused by its owner");
    await expect(revoked.getByRole("switch")).toHaveCount(0);

    // An admin's hold tells the owner whom to contact: SUPPORT_EMAIL is set for the suite.
    await admin.getByRole("searchbox", { name: "Search keys" }).fill(`held-${id}`);
    const held = admin.getByRole("row").filter({ hasText: `held-${id}` });
    await held.getByRole("switch", { name: `Key held-${id} enabled` }).click();
    await admin
      .getByRole("dialog", { name: `Disable held-${id}?` })
      .getByRole("button", { name: "Disable key" })
      .click();
    await expect(held).toContainText("Disabled by an admin");
    await gotoReady(page, "/settings/api-keys");
    const lock = keyRow(page, `held-${id}`).getByTestId("admin-lock");
    await expect(lock).toContainText("Only an admin can turn it back on");
    await expect(lock.getByRole("link", { name: /contact support/ })).toHaveAttribute("href", "mailto:support@keyport.test");
  });

  test("#25.7 a toast passes axe in light and dark mode", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    await gotoReady(page, "/settings/profile");
    await page.getByRole("switch", { name: "Save escrows" }).click();
    const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Escrows will not be indexed." });
    await expect(toast).toBeVisible();
    await toast.hover(); // sonner keeps a hovered toast open while axe runs
    await expectAccessible(page, "the success toast");
  });

  test("#25.13 a phone gets a slim top bar with a menu, and the page's heading above the fold", async ({ browser }) => {
    const page = await walletPage(browser, freshWallet(), PHONE);
    await signIn(page);
    await gotoReady(page, "/settings/api-keys");
    const heading = page.getByRole("heading", { level: 1, name: "API keys" });
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeLessThan(120);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profile" }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden(); // following a link closes the menu
    await expectFitsViewport(page, "profile on a phone");
  });

  test("#25.14 one name per place: one link per page, sentence case, preferences in the profile, one page width", async ({
    page,
    installWallet,
  }) => {
    const id = randomBytes(3).toString("hex");
    await installWallet();
    await signIn(page);
    await createTeam(page, `Names ${id}`, `names-${id}`);
    for (const path of ["/settings/profile", "/settings/api-keys", `/w/names-${id}/members`, `/w/names-${id}/settings`, "/teams"]) {
      await gotoReady(page, path);
      const links = await page
        .getByRole("navigation")
        .getByRole("link")
        .evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), href: (a as HTMLAnchorElement).pathname })));
      const names = links.map((l) => l.text.toLowerCase());
      expect(new Set(names).size, `one name per place on ${path}: ${names.join(", ")}`).toBe(names.length);
      expect(new Set(links.map((l) => l.href)).size, `one link per page on ${path}`).toBe(links.length);
      expect(names).not.toContain("settings"); // beside "Team settings", a second "Settings" said nothing
      expect(links.map((l) => l.text).filter((t) => /^[A-Z][a-z]* [A-Z]/.test(t) && t !== "API reference")).toEqual([]);
      const width = await page
        .locator("main > div")
        .last()
        .evaluate((el) => el.getBoundingClientRect().width);
      expect(width, `page width on ${path}`).toBeGreaterThan(900);
    }
    await gotoReady(page, "/settings/preferences");
    await expect(page).toHaveURL(/\/settings\/profile#preferences$/);
    await expect(page.getByRole("switch", { name: "Save escrows" })).toBeVisible();
  });

  test("#25.15 the keys table at 1280: times on one line, no empty sparkline, a copyable ID, a filter", async ({ browser, context }) => {
    const page = await walletPage(browser, freshWallet(), LAPTOP);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    void context;
    await signIn(page);
    await issueKeys(page, "alpha-sync", "beta-sync", "gamma-indexer", "delta-export");
    await gotoReady(page, "/settings/api-keys");
    const row = keyRow(page, "alpha-sync");
    const created = row.locator("time").first();
    const lineHeight = await created.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await created.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    await expect(row.getByTestId("last-used")).toHaveText("Never");
    await expect(row.locator("svg polyline")).toHaveCount(0);
    await row.getByRole("button", { name: /^Copy ID of alpha-sync/ }).click();
    const id = await page.evaluate(() => navigator.clipboard.readText());
    expect(await row.getAttribute("data-key-id")).toBe(id);
    await page.getByRole("searchbox", { name: "Filter keys" }).fill("gamma");
    await expect(keyRow(page, "gamma-indexer")).toBeVisible();
    await expect(keyRow(page, "alpha-sync")).toHaveCount(0);
    await expectFitsViewport(page, "keys table");
  });

  test("#25.16 the key page: every latest request reachable without an inner scroll box, one time format, one spelling of an address", async ({
    page,
    installWallet,
    request,
  }) => {
    await installWallet();
    await signIn(page);
    const key = await issueKey(page, "busy-key");
    for (let i = 0; i < 14; i++) await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } });
    await gotoReady(page, "/settings/api-keys");
    await page.getByRole("link", { name: "busy-key" }).click();
    const latest = page.getByRole("region", { name: "Latest requests" });
    await expect(latest.getByRole("row")).toHaveCount(11, { timeout: 25_000 }); // the header and the latest 10
    expect(await latest.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await page.getByRole("button", { name: /Show all 14 latest requests/ }).click();
    await expect(latest.getByRole("row")).toHaveCount(15);
    // Every exact time on the page is UTC and says so; none in the browser's zone beside it.
    const main = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    expect(main).not.toMatch(/\b(AM|PM)\b/);
    expect(main).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    // One spelling for this machine: the test's calls came over loopback (127.0.0.1 or ::1).
    await expect(latest.getByRole("cell", { name: "localhost" }).first()).toBeVisible();
    expect(await latest.innerText()).not.toMatch(/127\.0\.0\.1|::1/);
    await expect(page.getByText(/from localhost/).first()).toBeVisible();
  });

  test("#25.17 teams: the sole owner is not offered Leave, team keys have an h1, need the team's use case (not a personal one), Mainnet says it is per workspace, invitations show", async ({
    page,
    installWallet,
    wallet,
    browser,
  }) => {
    const id = randomBytes(3).toString("hex");
    await installWallet();
    await signIn(page);
    await createTeam(page, `Solo ${id}`, `solo-${id}`);
    const me = page.getByTestId("member").filter({ hasText: "(you)" });
    await expect(me.getByRole("button", { name: "Leave team" })).toHaveCount(0);
    await expect(me.getByTestId("sole-owner")).toContainText("only owner");
    await gotoReady(page, `/w/solo-${id}/api-keys`);
    await expect(page.getByRole("heading", { level: 1, name: `API keys · Solo ${id}` })).toBeVisible();
    await expect(page.getByTestId("mainnet-scope")).toContainText(`Solo ${id}`);

    // No personal use case was written: the team's is what its keys need, and the page says where it goes.
    await expect(page.getByRole("button", { name: "Request API key" })).toBeDisabled();
    await expect(page.locator("#request-unavailable")).toContainText(`Keys for Solo ${id} are issued once the team says what it builds`);
    await page.locator("#request-unavailable").getByRole("link", { name: "Team settings" }).click();
    await expect(page).toHaveURL(new RegExp(`/w/solo-${id}/settings$`));
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByLabel("Team use case").fill("Refunds for the Solo shop");
    await page.getByRole("button", { name: "Save use case" }).click();
    await expect(page.getByText("Use case saved: team keys can be requested now.")).toBeVisible();
    await gotoReady(page, `/w/solo-${id}/api-keys`);
    await expect(page.getByRole("button", { name: "Request API key" })).toBeEnabled();
    await expect(page.locator("#request-unavailable")).toHaveCount(0);

    // An invitation is announced on every page, not only by the switcher's small link.
    const invited = freshWallet();
    await gotoReady(page, `/w/solo-${id}/members`);
    await page.getByLabel("Stellar address").fill(invited.address);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByTestId("pending-invitation")).toHaveCount(1);
    const other = await signedInPage(browser, invited);
    await expect(other.getByTestId("invitation-banner")).toContainText("You are invited to join a team.");
    void wallet;
  });

  test("#25.18 audit: no raw ids, no Copy button per row, key counts in words", async ({ browser, page, installWallet }) => {
    test.skip(!adminWallet, "needs the admin wallet");
    await installWallet();
    await signIn(page);
    await issueKey(page, `audited-${randomBytes(2).toString("hex")}`);
    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin/audit");
    const table = admin.getByRole("table", { name: "Audit log" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    // No copy button for ids; a signed change's receipt (#29) is the one thing a row offers to copy.
    await expect(table.getByRole("button", { name: /^Copy(?! receipt)/ })).toHaveCount(0);
    expect(await table.innerText()).not.toMatch(/\bc[a-z0-9]{24}\b/); // cuid-shaped ids
    await admin.goto("/admin/workspaces"); // a server page: nothing to hydrate
    await expect(admin.getByText(/live of \d+ keys/)).toHaveCount(0);
    await expect(
      admin
        .getByTestId("admin-workspace")
        .filter({ hasText: /1 key, 1 in use/ })
        .first(),
    ).toBeVisible();
  });
});
