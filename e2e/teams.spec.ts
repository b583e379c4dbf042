import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expectAccessible, expectFitsViewport } from "./fixtures/page-checks";
import { confirmCopied, expect, gotoReady, readNewKey, signIn, signedInPage, test } from "./fixtures/test";
import { freshWallet } from "./fixtures/wallets";

const whoami = (request: APIRequestContext, key: string) => request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } });

/** Creates a team from /teams and lands on its members page. */
async function createTeam(page: Page, name: string, slug: string, useCase?: string) {
  await page.getByRole("button", { name: /^Workspace / }).click();
  await page.getByRole("menuitem", { name: /Create a team/ }).click();
  await expect(page).toHaveURL(/\/teams$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Team name").fill(name);
  await page.getByLabel("URL name").fill(slug);
  if (useCase) await page.getByLabel("Use case").fill(useCase);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/members$`));
  await expect(page.getByRole("heading", { name: `Members · ${name}` })).toBeVisible();
}

test.describe("Teams", () => {
  test("A creates a team and invites B as developer; B accepts and requests a team key; A removes B; the key keeps working", async ({
    page,
    installWallet,
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const id = randomBytes(3).toString("hex");
    const name = `Acme ${id}`;
    const slug = `acme-${id}`;
    await installWallet();
    await signIn(page);
    await createTeam(page, name, slug, "Payouts for Acme's sellers");
    await expect(page.getByTestId("current-workspace")).toHaveText(name);

    const b = freshWallet();
    await page.getByLabel("Stellar address").fill(b.address);
    await page.getByLabel("Role", { exact: true }).selectOption("developer");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText("Invitation sent")).toBeVisible();
    await expect(page.getByTestId("pending-invitation")).toContainText(b.address);
    await expect(page.getByText("Invitation sent")).toBeHidden();
    await page.mouse.move(0, 0); // the resting page, not the button's hover state
    await expectAccessible(page, "members page");

    // B signs in (their personal workspace exists), sees the invitation and accepts it. B writes no
    // use case of their own: the team's, given when A created it, is what team keys need.
    const bPage = await signedInPage(browser, b);
    await gotoReady(bPage, "/teams");
    const invitation = bPage.getByTestId("invitation");
    await expect(invitation).toContainText(`${name} · Developer`);
    await invitation.getByRole("button", { name: "Accept" }).click();
    await expect(bPage).toHaveURL(new RegExp(`/w/${slug}/api-keys$`));
    await bPage.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(bPage.getByRole("heading", { name: `API keys · ${name}` })).toBeVisible();

    // B requests a key in the team.
    await bPage.getByRole("button", { name: "Request API key" }).click();
    await bPage.getByLabel("Key name").fill("acme-sync-prod");
    await bPage.getByRole("button", { name: "Request key" }).click();
    const key = await readNewKey(bPage);
    await confirmCopied(bPage);

    // A sees it, with B as its creator.
    await gotoReady(page, `/w/${slug}/api-keys`);
    const row = page.locator("[data-key-id]").filter({ hasText: "acme-sync-prod" });
    await expect(row.getByTestId("created-by")).toHaveText(`by ${b.address.slice(0, 5)}…${b.address.slice(-4)}`);
    await expectFitsViewport(page, "team keys");
    const keyId = await row.getAttribute("data-key-id");
    expect((await bPage.goto(`/w/${slug}/api-keys/${keyId}`))?.status()).toBe(200);
    // Its old address (where rotating a team key once sent its page) leads a member to the team's key page.
    await bPage.goto(`/settings/api-keys/${keyId}`);
    await expect(bPage).toHaveURL(new RegExp(`/w/${slug}/api-keys/${keyId}$`));

    // The key's whoami names the team.
    const me = await (await whoami(request, key)).json();
    expect(me).toMatchObject({ name: "acme-sync-prod", owner: b.address, tenant: { slug, name } });

    // A removes B.
    await gotoReady(page, `/w/${slug}/members`);
    await page.getByRole("button", { name: `Remove ${b.address}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
    await expect(page.getByText("Member removed.")).toBeVisible();
    await expect(page.getByTestId("member").filter({ hasText: b.address })).toHaveCount(0);

    // B no longer sees the team: not in the switcher, and its pages are 404.
    await gotoReady(bPage, "/settings/api-keys");
    await bPage.getByRole("button", { name: /^Workspace / }).click();
    await expect(bPage.getByRole("menuitem", { name: new RegExp(name) })).toHaveCount(0);
    await bPage.keyboard.press("Escape");
    expect((await bPage.goto(`/w/${slug}/api-keys`))?.status()).toBe(404);
    // A key B can no longer reach, by its team's URL or their own, and a key that never was: the same 404.
    for (const path of [`/w/${slug}/api-keys/${keyId}`, `/settings/api-keys/${keyId}`, "/settings/api-keys/cnosuchkey0000000000000000"]) {
      expect((await bPage.goto(path))?.status(), path).toBe(404);
      await expect(bPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }

    // The key stays with the team and keeps working.
    const after = await whoami(request, key);
    expect(after.status()).toBe(200);
    expect(await after.json()).toMatchObject({ tenant: { slug, name } });
    await bPage.context().close();
  });
});
