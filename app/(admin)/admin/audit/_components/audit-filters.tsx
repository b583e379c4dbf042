"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { ACTION_OPTIONS } from "@/lib/audit/actions";

export type AuditFilters = { actor: string; target: string; action: string; from: string; to: string };
export const NO_FILTERS: AuditFilters = { actor: "", target: "", action: "", from: "", to: "" };

export const isFiltered = (f: AuditFilters) => Object.values(f).some((v) => v.trim() !== "");

/** Who, what, which action and which days; the server checks them all again. */
export function AuditFilterBar({ value, onChange }: { value: AuditFilters; onChange: (patch: Partial<AuditFilters>) => void }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-[repeat(3,minmax(0,1fr))_repeat(2,minmax(0,11rem))]">
      <TextField
        label="Actor"
        type="search"
        value={value.actor}
        onChange={(e) => onChange({ actor: e.target.value })}
        placeholder="Name or address start"
      />
      <TextField
        label="Target"
        type="search"
        value={value.target}
        onChange={(e) => onChange({ target: e.target.value })}
        placeholder="Key name or prefix, user, id"
      />
      <SelectField label="Action" value={value.action} onChange={(e) => onChange({ action: e.target.value })}>
        <option value="">All actions</option>
        {ACTION_OPTIONS.map(({ group, actions }) => (
          <optgroup key={group} label={group}>
            {actions.map((a) => (
              <option key={a.code} value={a.code}>
                {a.label}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {/* UTC days, as the export's ISO times and the key expiry dates: the same day for every admin. */}
      <div className="grid grid-cols-2 gap-3 sm:col-span-2 xl:col-span-2">
        <TextField
          label="From"
          type="date"
          value={value.from}
          min="1970-01-01"
          max={value.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
          hint="UTC day, included"
        />
        <TextField
          label="To"
          type="date"
          value={value.to}
          min={value.from || "1970-01-01"}
          onChange={(e) => onChange({ to: e.target.value })}
          hint="UTC day, included"
        />
      </div>
    </div>
  );
}
