import { sessionRoute } from "@/lib/api/session-route";
import { listAllKeys } from "@/lib/data/keys/admin";
import { adminKeyQuerySchema } from "@/lib/validation/admin";

export const GET = sessionRoute.admin(adminKeyQuerySchema, (query) => listAllKeys(query));
