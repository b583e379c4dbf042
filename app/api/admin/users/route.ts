import { sessionRoute } from "@/lib/api/session-route";
import { listUsers } from "@/lib/data/users/admin";
import { adminUserQuerySchema } from "@/lib/validation/admin";

export const GET = sessionRoute.admin(adminUserQuerySchema, (query) => listUsers(query));
