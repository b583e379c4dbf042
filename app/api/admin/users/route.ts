import { adminQueryRoute } from "@/lib/api/admin-route";
import { listUsers } from "@/lib/data/users/admin";
import { adminUserQuerySchema } from "@/lib/validation/admin";

export const GET = adminQueryRoute(adminUserQuerySchema, listUsers);
