/** Times in the viewer's own time zone, with the zone named so a screenshot is unambiguous. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A UTC day ("2026-11-30") as the viewer writes dates. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dateOnly.format(date);
}

export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatCount(value: number): string {
  return new Intl.NumberFormat().format(value);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 100) / 10;
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}

/**
 * A reporting window: whole UTC days ("3 Nov 2026 – 2 Dec 2026, UTC days") when it starts and ends
 * at UTC midnight, as the dashboards and reports count them; otherwise both instants in the viewer's zone.
 */
export function formatWindow(from: string, to: string): string {
  const start = new Date(from);
  const end = new Date(to);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${from} – ${to}`;
  const midnight = (date: Date) =>
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0;
  if (midnight(start) && midnight(end)) {
    const last = new Date(end.getTime() - 24 * 60 * 60 * 1000);
    return `${dateOnly.format(start)} – ${dateOnly.format(last)}, UTC days`;
  }
  return `${dateTime.format(start)} – ${dateTime.format(end)}`;
}
