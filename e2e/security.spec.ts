import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { actionId } from "./fixtures/http-sign-in";
import { expect, gotoReady, signIn, test } from "./fixtures/test";

test.describe("security headers and sessions", () => {
  test("pages carry a nonce-based CSP that every script obeys, and the standard headers", async ({ request }) => {
    const first = await request.get("/sign-in");
    const csp = first.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(csp).toContain("object-src 'none'");

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

    const second = await request.get("/sign-in");
    expect(second.headers()["content-security-policy"]).not.toContain(nonce!);

    const h = first.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["strict-transport-security"]).toMatch(/max-age=\d+/); // the suite runs the production build
  });

  test("the API answers JSON that is never cached or sniffed", async ({ request }) => {
    const res = await request.get("/api/v1/whoami");
    expect(res.status()).toBe(401);
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(res.headers()["x-powered-by"]).toBeUndefined();
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    const session = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  });

  test("a server action posted from another origin is refused and changes nothing", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    await gotoReady(page, "/settings/profile");
    await page.getByLabel("Name").fill("Original Name");
    const save = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await page.getByRole("button", { name: "Update profile" }).click();
    const original = await save;
    await expect(page.getByText("Profile updated.")).toBeVisible();

    // The same request replayed, with its length recomputed: only the Origin differs between the two.
    const { "content-length": _length, ...sent } = await original.allHeaders();
    const replay = (name: string, origin: string) =>
      page.request.post(original.url(), { headers: { ...sent, origin }, data: (original.postData() ?? "").replace("Original Name", name) });

    const forged = await replay("Forged Name", "https://evil.example");
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    await page.reload();
    await expect(page.getByLabel("Name")).toHaveValue("Original Name");

    // Control: the same replay from the real origin does change the profile.
    const control = await replay("Replayed Name", sent.origin ?? new URL(original.url()).origin);
    expect(control.status()).toBe(200);
    await page.reload();
    await expect(page.getByLabel("Name")).toHaveValue("Replayed Name");
  });
});

test.describe("server-action bodies the forms never send", () => {
  const post = (request: import("@playwright/test").APIRequestContext, data: string) =>
    request.post("/settings/profile", { headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" }, data });

  test("a body over 1 MB gets 413 naming the limit, never a 500", async ({ request }) => {
    const res = await post(request, JSON.stringify([{ image: `data:image/png;base64,${"A".repeat(1_200_000)}` }]));
    expect(res.status()).toBe(413);
    expect(await res.text()).toContain("at most 1024 KB");
  });

  test("a deeply nested body gets 400, never a 500", async ({ request }) => {
    const res = await post(request, "[".repeat(100_000) + "]".repeat(100_000));
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain("64 levels");
  });
});

// Issue 22, findings 2 and 3: what React's reply decoder would throw on, and actions posted where
// they are not offered, are refused before Next.js runs them (lib/server/action-guard.ts).
test.describe("server actions: crafted bodies and misplaced ids", () => {
  const e2eServerLog = path.join(os.tmpdir(), "keyport-e2e-server.log"); // playwright.config.ts tees the server's output there
  const action = (request: APIRequestContext, page: string, id: string, data: string | Buffer, headers: Record<string, string> = {}) =>
    request.post(page, {
      headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Origin: new URL(baseURL()).origin, ...headers },
      data,
    });
  const baseURL = () => test.info().project.use.baseURL ?? "http://127.0.0.1";
  /** What the local server logged while `run` ran (empty against another deployment). */
  async function logDuring(run: () => Promise<void>): Promise<string> {
    const before = fs.existsSync(e2eServerLog) ? fs.statSync(e2eServerLog).size : 0;
    await run();
    await new Promise((r) => setTimeout(r, 300));
    return fs.existsSync(e2eServerLog) ? fs.readFileSync(e2eServerLog, "utf8").slice(before) : "";
  }
  async function expectProblem(res: APIResponse, status: number, code: string) {
    expect(res.status(), await res.text()).toBe(status);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status, code });
  }

  test("React references, arguments that are not a list and a bad multipart part 0 get 400, signed out", async ({ request }) => {
    const id = actionId("requestChallenge");
    for (const body of ['["$F1"]', '["$h"]', '["$Q1"]', '["$W1"]', '["$i1"]', '["$l1"]', '[{"a":"$Y"}]', '{"a":1}', '"x"']) {
      await expectProblem(await action(request, "/sign-in", id, body), 400, "invalid_action");
    }
    const multipart = '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\nnot json\r\n--b--\r\n';
    await expectProblem(
      await action(request, "/sign-in", id, multipart, { "Content-Type": "multipart/form-data; boundary=b" }),
      400,
      "invalid_action",
    );
    // The real thing still runs.
    const ok = await action(request, "/sign-in", id, JSON.stringify([{ address: "G", networkPassphrase: "x" }]));
    expect(ok.status()).toBe(200);
  });

  test("Origin: null gets 403, not a 500", async ({ request }) => {
    await expectProblem(await action(request, "/sign-in", actionId("requestChallenge"), "[]", { Origin: "null" }), 403, "cross_origin");
  });

  test("an action posted to a page that does not offer it, or an unknown id, gets 404 and logs nothing", async ({ request }) => {
    const log = await logDuring(async () => {
      // requestChallenge is on the sign-in page and every dashboard page; saveProfile only on the profile page.
      for (const [page, name] of [
        ["/", "requestChallenge"],
        ["/docs", "requestChallenge"],
        ["/settings/preferences", "saveProfile"],
      ]) {
        const res = await action(request, page!, actionId(name!), "[{}]");
        await expectProblem(res, 404, "action_not_found");
        expect(res.headers()["x-nextjs-action-not-found"]).toBe("1");
      }
      await expectProblem(await action(request, "/sign-in", "7f" + "0".repeat(40), "[{}]"), 404, "action_not_found");
    });
    expect(log).not.toMatch(/aborted|uncaughtException|Failed to find Server Action/);
  });
});
