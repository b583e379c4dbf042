import { apiError } from "./respond";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for every method a route does not serve: 405 in the API's error shape with
 * `Allow`, instead of Next.js's empty 405. Spread into a route's exports:
 * `export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");`
 */
export function otherMethods(...allowed: Method[]): Record<Method, () => Response> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = () => apiError("method_not_allowed", `This endpoint accepts ${allowed.join(" and ")} only.`, {}, { Allow: allow });
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, () => Response>;
}
