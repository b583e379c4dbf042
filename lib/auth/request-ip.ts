import "server-only";
import { headers } from "next/headers";
import { ipFromHeaders } from "@/lib/request-ip";

/** The IP of the request a server action is running for. */
export async function requestIp(): Promise<string | null> {
  return ipFromHeaders(await headers());
}
