import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { guardAction } from "./action-guard";
import { actionRoutesFrom } from "./action-routes";

const ID = "40c14240abbb09f8031186b8d067505aa930aa6e05";
const routes = actionRoutesFrom(
  { node: { [ID]: { workers: { "app/(auth)/sign-in/page": {} } } } },
  { "/page": "/", "/(auth)/sign-in/page": "/sign-in" },
);
const ORIGIN = "http://keyport.test";

function post(body: string | FormData, headers: Record<string, string> = {}, pathname = "/sign-in") {
  const req = new Request(`${ORIGIN}${pathname}`, { method: "POST", body });
  const h = new Headers(req.headers);
  h.set("host", "keyport.test");
  h.set("origin", ORIGIN);
  return req.arrayBuffer().then((bytes) => {
    h.set("content-length", String(bytes.byteLength));
    for (const [k, v] of Object.entries(headers)) {
      if (v === "") h.delete(k);
      else h.set(k, v);
    }
    return new NextRequest(`${ORIGIN}${pathname}`, { method: "POST", body: bytes, headers: h });
  });
}
const action = (body: string | FormData, headers: Record<string, string> = {}, pathname?: string) =>
  post(
    body,
    { "next-action": ID, ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}), ...headers },
    pathname,
  );

async function refusal(request: Promise<NextRequest>) {
  const res = await guardAction(await request, routes);
  if (!res) return null;
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as { status: number; code: string; detail: string };
  expect(body.status).toBe(res.status);
  return { status: res.status, code: body.code, detail: body.detail, notFound: res.headers.get("x-nextjs-action-not-found") };
}

describe("page POSTs checked before Next.js decodes them", () => {
  it("lets what the pages send through: plain arguments, and a FormData with files", async () => {
    expect(await refusal(action('[{"address":"GABC","networkPassphrase":"Test SDF Network ; September 2015"}]'))).toBeNull();
    const form = new FormData();
    form.append("0", '[null,"$K1"]');
    form.append("_1_name", "Ada");
    form.append("_1_image", new File([new Uint8Array([1, 2, 3])], "a.png", { type: "image/png" }));
    expect(await refusal(action(form))).toBeNull();
    const mpa = new FormData();
    mpa.append(`$ACTION_ID_${ID}`, "");
    expect(await refusal(post(mpa))).toBeNull();
  });

  it("answers a reference the decoder would throw on, and arguments that are not a list, with 400 invalid_action", async () => {
    for (const body of ['["$F1"]', '["$h"]', '["$Q1"]', '["$W1"]', '["$i1"]', '["$l1"]', '[{"a":"$Y"}]', '{"a":1}', "5", "not json"]) {
      expect(await refusal(action(body)), body).toMatchObject({ status: 400, code: "invalid_action" });
    }
    const form = new FormData();
    form.append("0", "not json");
    expect(await refusal(action(form))).toMatchObject({ status: 400, code: "invalid_action" });
  });

  it("refuses multipart bodies that do not parse, or whose parts React's decoder refuses", async () => {
    const type = "multipart/form-data; boundary=b";
    const cut = '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n'; // no end boundary
    expect(await refusal(action(cut, { "content-type": type }))).toMatchObject({
      status: 400,
      detail: expect.stringContaining("does not parse"),
    });
    const base64 = `--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n--b\r\nContent-Disposition: form-data; name="_1_f"; filename="a"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--b--\r\n`;
    expect(await refusal(action(base64, { "content-type": type }))).toMatchObject({ status: 400, code: "invalid_action" });
    const noAction = new FormData();
    noAction.append("name", "x");
    expect(await refusal(post(noAction))).toMatchObject({ status: 400, code: "invalid_action" });
  });

  it("refuses Origin null, another origin and a bad one with 403, and lets a missing Origin through as Next.js does", async () => {
    for (const origin of ["null", "https://evil.example", "http://keyport.test:1", "not a url"]) {
      expect(await refusal(action("[]", { origin })), origin).toMatchObject({ status: 403, code: "cross_origin" });
    }
    expect(await refusal(action("[]", { origin: "" }))).toBeNull();
  });

  it("answers an unknown id, or an action posted to a page that does not offer it, with 404 and Next.js's not-found marker", async () => {
    expect(await refusal(action("[]", {}, "/"))).toMatchObject({ status: 404, code: "action_not_found", notFound: "1" });
    expect(await refusal(action("[]", { "next-action": "7f" + "0".repeat(40) }))).toMatchObject({ status: 404, notFound: "1" });
    expect(await refusal(action("[]", { "next-action": `${ID}, ${ID}` }))).toMatchObject({ status: 400, code: "invalid_action" });
    expect(await refusal(action("[]", { "x-action-forwarded": "1" }))).toMatchObject({ status: 400, code: "invalid_action" });
    const mpa = new FormData();
    mpa.append(`$ACTION_ID_${"7f" + "0".repeat(40)}`, "");
    expect(await refusal(post(mpa))).toMatchObject({ status: 404, code: "action_not_found" });
  });

  it("keeps the size, length and type refusals", async () => {
    expect(await refusal(action("[]", { "content-length": "" }))).toMatchObject({ status: 411, code: "length_required" });
    expect(await refusal(action("[]", { "content-length": String(2 * 1024 * 1024) }))).toMatchObject({ status: 413 });
    expect(await refusal(action("[]", { "content-type": "application/json" }))).toMatchObject({ status: 415 });
    expect(await refusal(action("[".repeat(100) + "]".repeat(100)))).toMatchObject({
      status: 400,
      detail: expect.stringContaining("64 levels"),
    });
  });
});
