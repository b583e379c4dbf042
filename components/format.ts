import { utcDateTime } from "@/lib/audit/details";

/** GABCD…WXYZ: enough to recognise an address at a glance. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 5)}…${address.slice(-4)}` : address;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 minutes ago", "in 7 days". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") {
      return Math.abs(seconds) < 45 && unit === "second" ? "just now" : relative.format(Math.round(seconds / size), unit);
    }
  }
  return iso;
}

/**
 * An exact time, always in UTC and saying so ("2026-12-07 10:05 UTC"): the one format of every
 * page, as the audit log and the usage charts (bucketed by UTC hour and day) write it. A page that
 * mixed the browser's zone, unnamed, with UTC had two times for one moment.
 */
export const dateTime = utcDateTime;
