"use client";

import { auditColumns } from "@/components/audit-columns";
import { HydrationMarker } from "@/components/hydration-marker";
import { TableView } from "@/components/table-view";
import type { AuditView } from "@/lib/audit/view";

/** A team's audit log: the admin log's columns, so it too becomes cards on a phone instead of squeezing words apart. */
export function TeamAuditTable({ rows, team }: { rows: AuditView[]; team: string }) {
  return (
    <>
      <HydrationMarker />
      <TableView columns={auditColumns} rows={rows} rowKey={(e) => e.id} caption={`Audit log of ${team}`} />
    </>
  );
}
