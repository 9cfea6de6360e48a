/**
 * Dates and times shown in Asia/Ho_Chi_Minh whatever the browser's zone: the newsroom
 * works on Vietnam time. Vietnam has kept UTC+7 without daylight saving since 1975, so a
 * wall-clock time picked in a form converts with a fixed +07:00 offset.
 */
import { currentLanguage } from "@/i18n";

export const NEWSROOM_TIME_ZONE = "Asia/Ho_Chi_Minh";
const OFFSET = "+07:00";

function locale(): string {
  return currentLanguage() === "vi" ? "vi-VN" : "en-GB";
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale(), {
    timeZone: NEWSROOM_TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: NEWSROOM_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(date);
}

/** "2026-12-01T09:30" typed in Vietnam time -> an RFC 3339 instant. */
export function localInputToIso(value: string): string {
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return new Date(`${withSeconds}${OFFSET}`).toISOString();
}

/** An instant -> the "YYYY-MM-DDTHH:MM" a datetime-local input shows in Vietnam time. */
export function isoToLocalInput(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 7 * 3600 * 1000);
  return shifted.toISOString().slice(0, 16);
}
