/**
 * Complaint numbers: `PGD-<yyyymmdd>-<tag>-<nnn>`, the receipts' pattern (ADR 0001 §7) with its own prefix.
 * The tag keeps two authors apart (a workstation's device tag; the server's own tag for the public form),
 * so two PCs offline never issue the same number. The counter of a (day, tag) scope is derived from the
 * log — one more than the highest number of that scope among the complaints this PC holds — never from a
 * counter kept beside it, so a PC restored from an older copy or rebuilt from the server, which gets its own
 * complaints back before it records anything, never issues a number twice. Pure.
 */
export const COMPLAINT_PREFIX = 'PGD';

const LABEL_RE = /^PGD-(\d{8})-([0-9A-Z]+)-(\d{3,})$/;

export function complaintScope(day: string, tag: string): string {
  return `${day}-${tag}`;
}

export function complaintLabel(day: string, tag: string, n: number): string {
  return `${COMPLAINT_PREFIX}-${day}-${tag}-${String(n).padStart(3, '0')}`;
}

export function parseComplaintLabel(label: string): { day: string; tag: string; scope: string; number: number } | null {
  const m = LABEL_RE.exec(label.trim().toUpperCase());
  if (!m) return null;
  return { day: m[1]!, tag: m[2]!, scope: complaintScope(m[1]!, m[2]!), number: Number(m[3]) };
}

/** The next number of a scope, given every label this author may have issued in it. */
export function nextComplaintNumber(labels: Iterable<string>, scope: string): number {
  let max = 0;
  for (const l of labels) {
    const p = parseComplaintLabel(l);
    if (p && p.scope === scope && p.number > max) max = p.number;
  }
  return max + 1;
}
