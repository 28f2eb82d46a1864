/** Survey periods, the survey code as people type it and scanners read it, and who may record survey events. */
import { describe, expect, it } from 'vitest';
import { parsePeriodKey, periodContaining, periodOf, rangeLabel } from './period';
import { surveyEventAllowed } from './permissions';
import { formatToken, parseTokenInput, surveyUrl } from './token';

describe('periods', () => {
  it('month, quarter, semester and year with their first and last days', () => {
    expect(periodOf('month', 2026, 2)).toMatchObject({ key: '2026-02', from: '2026-02-01', to: '2026-02-28', label: 'Februari 2026' });
    expect(periodOf('month', 2028, 2).to).toBe('2028-02-29');
    expect(periodOf('quarter', 2026, 4)).toMatchObject({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31', label: 'Triwulan IV 2026' });
    expect(periodOf('semester', 2026, 1)).toMatchObject({ key: '2026-S1', from: '2026-01-01', to: '2026-06-30', label: 'Semester I 2026' });
    expect(periodOf('year', 2026)).toMatchObject({ key: '2026', from: '2026-01-01', to: '2026-12-31', label: 'Tahun 2026' });
  });
  it('parses keys and refuses what is not one', () => {
    expect(parsePeriodKey('2026-Q3')?.from).toBe('2026-07-01');
    expect(parsePeriodKey('2026-S2')?.to).toBe('2026-12-31');
    expect(parsePeriodKey('2026-12')?.label).toBe('Desember 2026');
    for (const bad of ['2026-13', '2026-Q5', '26-01', '2026-S3', '', '1999']) expect(parsePeriodKey(bad), bad).toBeNull();
    expect(periodContaining('quarter', '2026-05-17').key).toBe('2026-Q2');
    expect(rangeLabel('2026-12-01', '2026-12-31')).toBe('1 Desember 2026 – 31 Desember 2026');
  });
});

describe('survey code input', () => {
  const code = 'K7QM3XD9PA2FHV8C';
  it('accepts the code typed with hyphens, spaces, lower case and look-alike letters', () => {
    expect(formatToken(code)).toBe('K7QM-3XD9-PA2F-HV8C');
    expect(parseTokenInput('k7qm-3xd9-pa2f-hv8c')).toBe(code);
    expect(parseTokenInput(' K7QM 3XD9 PA2F HV8C ')).toBe(code);
    expect(parseTokenInput('K7QM-3XD9-PA2F-HVOL')).toBe('K7QM3XD9PA2FHV01');
  });
  it('reads the kiosk QR text and the server URL (code in the fragment)', () => {
    expect(parseTokenInput(`LPSE-SKM:${code}`)).toBe(code);
    const url = surveyUrl('https://sinkron.banjarmasinkota.go.id/', 'kantor-1', code);
    expect(url).toBe(`https://sinkron.banjarmasinkota.go.id/kantor/kantor-1/survei#t=${code}`);
    expect(parseTokenInput(url)).toBe(code);
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'K7QM-3XD9', `${code}X`, 'LPSE-TT:TT-20261126-4F2A9C-007:ABCD-EFGH', 'UUUUUUUUUUUUUUUU']) expect(parseTokenInput(bad), bad).toBeNull();
  });
});


describe('who may record survey events (for the fold, issue 10)', () => {
  it('kiosk responses are anonymous from a workstation; paper needs staff; QR only from the server; the plan is the supervisor’s', () => {
    expect(surveyEventAllowed({ type: 'survey.response_recorded', channel: 'kiosk', actorRoles: null, signedBy: 'workstation' })).toBe(true);
    expect(surveyEventAllowed({ type: 'survey.response_recorded', channel: 'kiosk', actorRoles: ['helpdesk'], signedBy: 'workstation' })).toBe(false);
    expect(surveyEventAllowed({ type: 'survey.response_recorded', channel: 'paper', actorRoles: ['verifier'], signedBy: 'workstation' })).toBe(true);
    expect(surveyEventAllowed({ type: 'survey.response_recorded', channel: 'paper', actorRoles: null, signedBy: 'workstation' })).toBe(false);
    expect(surveyEventAllowed({ type: 'survey.response_recorded', channel: 'qr', actorRoles: null, signedBy: 'workstation' })).toBe(false);
    expect(surveyEventAllowed({ type: 'survey.response_recorded', channel: 'qr', actorRoles: null, signedBy: 'server' })).toBe(true);
    expect(surveyEventAllowed({ type: 'survey.plan_set', actorRoles: ['helpdesk'], signedBy: 'workstation' })).toBe(false);
    expect(surveyEventAllowed({ type: 'survey.plan_set', actorRoles: ['supervisor'], signedBy: 'workstation' })).toBe(true);
    expect(surveyEventAllowed({ type: 'survey.token_issued', actorRoles: ['sysadmin'], signedBy: 'workstation' })).toBe(true);
  });
});
