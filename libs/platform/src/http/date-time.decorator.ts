import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * Whether `text` is an ISO 8601 date (midnight UTC) or a date and time with `Z` or an offset, that
 * names a real instant (no 30 February, no hour 25) in years 0001 to 9999.
 */
export function isIsoDateTime(text: string): boolean {
  const parts = ISO_DATE_TIME.exec(text);
  if (!parts) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = parts
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const daysInMonth = new Date(Date.UTC(2000, month!, 0)).getUTCDate() + (month === 2 && !isLeapYear(year!) ? -1 : 0);
  return (
    year! >= 1 &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHours! <= 23 &&
    offsetMinutes! <= 59
  );
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * An ISO 8601 date-time, such as 2026-11-01T12:00:00Z, made a Date; anything else (a number, a
 * boolean, "1", "yesterday") is refused with "must be an ISO 8601 date-time", and a required one left
 * out with "is required" (Omittable and Nullable skip the check when it is left out). Use it instead
 * of `@Type(() => Date) @IsDate()`, which turns numbers, booleans and loose strings into dates.
 */
export function IsDateTime(): PropertyDecorator {
  const toDate = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && isIsoDateTime(value) ? new Date(value) : value,
  );
  const isDate = IsDate({
    message: ({ value }) => (value === undefined ? 'is required' : 'must be an ISO 8601 date-time'),
  });
  return (target, key) => {
    toDate(target, key);
    isDate(target, key);
  };
}
