import { buildOpenApi } from "@/lib/api/openapi/document";
import { otherMethods } from "@/lib/api/methods";
import { apiJson } from "@/lib/api/respond";
import { env } from "@/lib/env";

/** This API as OpenAPI 3.1, generated from the handlers' own zod schemas. Public: no key needed. */
export function GET() {
  return apiJson(buildOpenApi(env.publicOrigin));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
