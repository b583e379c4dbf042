"use client";

import type { AuditView } from "@/lib/audit/view";
import { Action, Actor, Details, Target, When } from "./audit-cells";
import type { Column } from "./table-view";

/** One set of columns for every audit log (the admin's and a team's): a table on a laptop, cards on a phone. */
export const auditColumns: Column<AuditView>[] = [
  { id: "when", header: "When", cell: ({ row: { original: e } }) => <When iso={e.createdAt} /> },
  { id: "actor", header: "Who", cell: ({ row: { original: e } }) => <Actor event={e} /> },
  { id: "action", header: "What", meta: { card: "title" }, cell: ({ row: { original: e } }) => <Action event={e} /> },
  { id: "target", header: "Target", cell: ({ row: { original: e } }) => <Target target={e.target} /> },
  { id: "details", header: "Details", cell: ({ row: { original: e } }) => <Details lines={e.details} /> },
];
