import type { FastifyRequest } from "fastify";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";

/**
 * The client IP the front door (lib/plane/front-door.ts) found from the socket and
 * TRUSTED_PROXY_HOPS, passed in the one header a client cannot set (the door overwrites it).
 */
export const clientIp = (request: FastifyRequest): string | null => (request.headers[CLIENT_IP_HEADER] as string | undefined) || null;
