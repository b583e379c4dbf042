import { adminQueryRoute } from "@/lib/api/admin-route";
import { listAudit } from "@/lib/data/admin";
import { auditQuerySchema } from "@/lib/validation/admin";

export const GET = adminQueryRoute(auditQuerySchema, listAudit);
