// The tests' way into the API plane: the same front door as server.ts (URL guard, client IP),
// then fastify's inject, which runs the whole request lifecycle without a port. Takes and
// returns fetch's Request and Response, so a test reads like a call to a real server.
import type { InjectOptions } from "fastify";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { buildPlane } from "@/lib/plane/app";
import { frontDoor } from "@/lib/plane/front-door";

let plane: ReturnType<typeof buildPlane> | undefined;
export const testPlane = () => (plane ??= buildPlane());

/**
 * The socket's address for a test request: the one a test pins with the client-IP header, or
 * the last X-Forwarded-For entry (what a proxy in front would have seen), or loopback.
 */
function socketOf(headers: Record<string, string>): { socket: string; xff: string | undefined } {
  if (headers[CLIENT_IP_HEADER]) return { socket: headers[CLIENT_IP_HEADER], xff: headers["x-forwarded-for"] };
  const chain = (headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const socket = chain.pop() ?? "127.0.0.1";
  return { socket, xff: chain.join(", ") || undefined };
}

export async function planeFetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = url.pathname + url.search;
  const headers = Object.fromEntries(request.headers);
  const { socket, xff } = socketOf(headers);
  const door = frontDoor(request.method, target, xff, socket);
  if (door.refused) return new Response(door.refused.body, { status: door.refused.status, headers: door.refused.headers });
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const res = await (
    await testPlane()
  ).inject({
    method: request.method as InjectOptions["method"],
    url: target,
    headers: { ...headers, [CLIENT_IP_HEADER]: door.ip ?? "" },
    ...(body && { payload: body }),
  });
  const out = new Headers();
  for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) out.append(name, String(v));
  const empty = res.statusCode === 204 || res.statusCode === 304 || request.method === "HEAD";
  return new Response(empty ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: out });
}
