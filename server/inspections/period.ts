/** A month as a check period: its first and last day (YYYY-MM-DD). */
export function periodBounds(period: string): { start: string; end: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${period}-01`, end: `${period}-${String(last).padStart(2, '0')}` };
}

/** The month a date falls in. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}
