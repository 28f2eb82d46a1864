/**
 * A visit's history reads as steps in words: no raw event type ("document.printed"), and ticking a file
 * through is one line, not one line per click.
 */
import { afterEach, expect, it } from 'vitest';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tickAll, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

it('groups a run of checklist marks into one line and names prints in words', async () => {
  app = await startTestApp();
  await signInAsSupervisor(app);
  const visitId = (await app.ok('visits.register', PROXY_VISIT)).visit.visit.id;
  await app.ok('visits.startChecklist', { visitId });
  // A change of mind on one item, then every item ticked.
  await app.ok('visits.markItem', { visitId, itemCode: 'surat_kuasa', originalSeen: false, copyReceived: false, validUntil: null, meteraiOk: false, notBrought: true, note: '' });
  await tickAll(app, visitId);
  await app.ok('visits.handOver', { visitId });
  await app.ok('print.log', { kind: 'receipt', visitId, layout: 'a4', returnNo: null, printer: null });
  await app.ok('print.log', { kind: 'receipt', visitId, layout: 'thermal80', returnNo: null, printer: null });
  const detail = await app.ok('visits.get', { visitId });

  const summaries = detail.timeline.map((t) => t.summary);
  for (const s of summaries) expect(s).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/); // no event type shown as text
  const marks = detail.timeline.filter((t) => t.type === 'visit.item_marked');
  expect(marks).toHaveLength(1);
  for (const item of detail.checklist) expect(marks[0]!.summary).toContain(item.label);
  expect(marks[0]!.summary).not.toContain('tidak dibawa'); // the item as it was left, not as first marked
  expect(summaries).toContain('Tanda Terima Berkas dicetak (A4)');
  expect(summaries).toContain('Tanda Terima Berkas dicetak (Thermal 80 mm), cetakan ke-2');
  expect(detail.timeline.length).toBeLessThanOrEqual(7);
});
