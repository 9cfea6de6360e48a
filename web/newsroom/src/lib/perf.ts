/**
 * User Timing marks of the moments people wait for (read by bench/newsroom_app.py and
 * visible in any browser's performance panel): the queue is interactive, the editor is
 * ready, an autosave round trip.
 */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}

export function measureSince(name: string, start: number): void {
  performance.measure(name, { start, end: performance.now() });
}
