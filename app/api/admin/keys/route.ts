import { adminQueryRoute } from "@/lib/api/admin-route";
import { listAllKeys } from "@/lib/data/keys/admin";
import { adminKeyQuerySchema } from "@/lib/validation/admin";

export const GET = adminQueryRoute(adminKeyQuerySchema, listAllKeys);
