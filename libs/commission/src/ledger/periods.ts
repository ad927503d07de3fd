/** The statement period (`YYYY-MM`, UTC) of an instant. */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The period after `period`. */
export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The first instant of a period, and of the one after it. */
export function periodBounds(period: string): { start: Date; end: Date } {
  return { start: new Date(`${period}-01T00:00:00Z`), end: new Date(`${nextPeriod(period)}-01T00:00:00Z`) };
}
