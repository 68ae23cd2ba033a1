import type { SeededRandom } from './random.js';

/** When every generated account was "collected": fixed, so the same arguments give the same JSON. */
export const GENERATED_AT = '2026-11-29T02:00:00Z';

const GENERATED_AT_MS = Date.parse(GENERATED_AT);
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
// Formatting a Date costs microseconds and a large account asks for several timestamps per
// resource, so each calendar day is formatted once and the time of day is written out directly.
const days = new Map<number, string>();

/** An ISO timestamp (to the minute, no milliseconds, as AWS prints them) before GENERATED_AT. */
export function beforeGeneratedAt(daysBefore: number, minutesBefore = 0): string {
  const moment = GENERATED_AT_MS - daysBefore * DAY_MS - minutesBefore * 60_000;
  const day = Math.floor(moment / DAY_MS);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    days.set(day, date);
  }
  const minuteOfDay = Math.floor((moment - day * DAY_MS) / 60_000);
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const minutes = String(minuteOfDay % 60).padStart(2, '0');
  return `${date}T${hours}:${minutes}:00Z`;
}

/** A random moment, to the minute, between `fromDays` and `toDays` days before GENERATED_AT. */
export function momentBefore(random: SeededRandom, fromDays: number, toDays: number): string {
  return beforeGeneratedAt(random.between(fromDays, toDays), random.below(MINUTES_PER_DAY));
}
