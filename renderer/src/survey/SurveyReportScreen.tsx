/**
 * Laporan Survei Kepuasan Masyarakat: choose a month, quarter, semester or year (and optionally one service);
 * IKM, grade, respondents against the minimum sample (a warning, never a block), NRR per element with its
 * category and chart, the three lowest elements, the respondent profile, the per-service breakdown, the
 * improvement plan and its follow-up (entered by the supervisor), exports to XLSX and PDF, and the poster.
 */
import { useEffect, useMemo, useState } from 'react';
import type { OutputOf } from '../../../contract/api';
import type { SurveyReport } from '../../../contract/survey';
import type { Catalogue } from '../../../domain/catalogue/types';
import { PLAN_STATUS_LABEL, PLAN_STATUSES, type PlanItem } from '../../../domain/survey/events';
import { periodContaining, periodOf, PERIOD_KIND_LABEL, type PeriodKind } from '../../../domain/survey/period';
import { ELEMENTS, type ElementCode } from '../../../domain/survey/questionnaire';
import { elementsChart } from '../../../print/survey-charts';
import { call } from '../api';
import { useLive } from '../live';
import { downloadBase64 } from '../print/download';
import { hasRole, useApp } from '../store';
import { fmtDateTime, fmtIsoDate } from '../ui/format';
import './survey.css';
import { asyncHandler } from '../ui/async-handler';

const dec = (v: number | null, d = 2) => (v === null ? '–' : v.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d }));
const int = (v: number) => v.toLocaleString('id-ID');
const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function indexOptions(kind: PeriodKind): { value: number; label: string }[] {
  switch (kind) {
    case 'month':
      return MONTHS.map((m, i) => ({ value: i + 1, label: m }));
    case 'quarter':
      return [1, 2, 3, 4].map((q) => ({ value: q, label: `Triwulan ${ROMAN[q - 1]}` }));
    case 'semester':
      return [1, 2].map((s) => ({ value: s, label: `Semester ${ROMAN[s - 1]}` }));
    case 'year':
      return [{ value: 1, label: 'Satu tahun' }];
  }
}

export function SurveyReportScreen() {
  const status = useApp((s) => s.status);
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const supervisor = useApp((s) => hasRole(s.session, 'supervisor'));
  const today = status?.today ?? new Date().toISOString().slice(0, 10);
  const [kind, setKind] = useState<PeriodKind>('month');
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [index, setIndex] = useState(periodContaining('month', today).index);
  const [service, setService] = useState('');
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const period = useMemo(() => periodOf(kind, year, Math.min(index, indexOptions(kind).length)), [kind, year, index]);

  useEffect(() => {
    void call('catalogue.active', {}).then((r) => r.ok && setCatalogue(r.value));
  }, []);

  // Live (ADR 0008): read again when responses or the plan change (typed here, released after their day,
  // or arriving by sync, phone answers included) and at midnight (yesterday's kiosk answers are released).
  const live = useLive(() => call('survey.report', { period: period.key, serviceCode: service || null }), [period.key, service], {
    types: ['survey_response', 'survey_plan'],
    clock: true,
  });
  const report: SurveyReport | null = live.error ? null : live.data;
  const error = live.error ? (live.error.issues?.[0]?.message ?? live.error.message) : null;
  const load = live.reload;

  async function exportAs(format: 'xlsx' | 'pdf' | 'poster') {
    setBusy(format);
    const r = await call('survey.export', { period: period.key, serviceCode: service || null, format });
    setBusy(null);
    if (!r.ok) return toast('error', r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, r.value.mimeType);
    toast('success', `${r.value.fileName} disimpan.`);
  }

  const years = Array.from({ length: 6 }, (_, i) => Number(today.slice(0, 4)) - i);

  return (
    <div data-testid="skm-screen">
      <div className="card-head">
        <h1>Survei Kepuasan Masyarakat</h1>
        <button type="button" className="secondary" onClick={() => go('survey-paper')} data-testid="open-paper-entry">
          Entri kuesioner kertas
        </button>
      </div>
      <section className="card">
        <div className="report-toolbar">
          <div className="field">
            <label htmlFor="skm-kind">Periode</label>
            <select
              id="skm-kind"
              value={kind}
              data-testid="skm-kind"
              onChange={(e) => {
                const k = e.target.value as PeriodKind;
                setKind(k);
                setIndex(periodContaining(k, today).index);
              }}
            >
              {(Object.keys(PERIOD_KIND_LABEL) as PeriodKind[]).map((k) => (
                <option key={k} value={k}>
                  {PERIOD_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </div>
          {kind !== 'year' && (
            <div className="field">
              <label htmlFor="skm-index">{PERIOD_KIND_LABEL[kind]}</label>
              <select id="skm-index" value={index} data-testid="skm-index" onChange={(e) => setIndex(Number(e.target.value))}>
                {indexOptions(kind).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="skm-year">Tahun</label>
            <select id="skm-year" value={year} data-testid="skm-year" onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="skm-service">Layanan</label>
            <select id="skm-service" value={service} data-testid="skm-service" onChange={(e) => setService(e.target.value)}>
              <option value="">Semua layanan</option>
              {catalogue?.services.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.number}. {s.shortName}
                </option>
              ))}
            </select>
          </div>
          <span className="spacer" />
          <div className="export-box">
            <div className="print-docs">
              <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs('xlsx')} data-testid="skm-export-xlsx">
                {busy === 'xlsx' ? 'Menyusun…' : 'Excel (XLSX)'}
              </button>
              <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs('pdf')} data-testid="skm-export-pdf">
                {busy === 'pdf' ? 'Menyusun…' : 'PDF'}
              </button>
              <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs('poster')} data-testid="skm-export-poster">
                {busy === 'poster' ? 'Menyusun…' : 'Poster ruang tunggu'}
              </button>
            </div>
          </div>
        </div>
      </section>
      {error && <div className="banner banner-error">{error}</div>}
      {report && <ReportBody report={report} supervisor={supervisor} onPlanSaved={load} />}
    </div>
  );
}

function ReportBody({ report: r, supervisor, onPlanSaved }: { report: SurveyReport; supervisor: boolean; onPlanSaved: () => Promise<void> }) {
  const chart = useMemo(() => elementsChart(r, 760), [r]);
  return (
    <>
      <p className="muted small">
        {r.period.label}: {fmtIsoDate(r.period.from)} – {fmtIsoDate(r.period.to)}
        {r.serviceName ? ` · ${r.serviceName}` : ''}. Disusun {fmtDateTime(r.generatedAt)}.
      </p>
      <div className="skm-cards" data-testid="skm-cards">
        <div className={`skm-card skm-grade-${r.grade ?? 'none'}`}>
          <div className="v" data-testid="skm-ikm">
            {dec(r.ikmConverted)}
          </div>
          <div className="l">IKM (nilai konversi, skala 25–100)</div>
        </div>
        <div className={`skm-card skm-grade-${r.grade ?? 'none'}`}>
          <div className="v" data-testid="skm-grade">
            {r.grade ? `${r.grade} · ${r.gradeLabel}` : '–'}
          </div>
          <div className="l">Mutu pelayanan</div>
        </div>
        <div className="skm-card">
          <div className="v" data-testid="skm-respondents">
            {int(r.respondents)}
          </div>
          <div className="l">Responden</div>
        </div>
        <div className="skm-card">
          <div className="v">
            {int(r.population)} / {int(r.minimumSample)}
          </div>
          <div className="l">Populasi (kunjungan layanan) / sampel minimal</div>
        </div>
      </div>
      {r.problem && (
        <div className="banner banner-warn" data-testid="skm-problem">
          {r.problem}
        </div>
      )}
      {!r.sampleSufficient && (
        <div className="banner banner-warn" data-testid="skm-sample-warning">
          Responden ({int(r.respondents)}) belum mencapai sampel minimal {int(r.minimumSample)} untuk {int(r.population)} kunjungan (Krejcie–Morgan). Hasil tetap
          dihitung, tetapi belum mewakili seluruh pengguna layanan.
        </div>
      )}
      {r.heldOnThisPc > 0 && (
        <div className="banner banner-ok" data-testid="skm-held">
          {int(r.heldOnThisPc)} jawaban kios hari ini disimpan di komputer ini dan masuk ke laporan setelah hari berganti, supaya jawaban tidak dapat dicocokkan
          dengan waktu kunjungan.
        </div>
      )}
      <section className="card">
        <div className="card-head">
          <h2>Nilai per unsur pelayanan</h2>
          <span className="muted small">NRR = jumlah nilai ÷ responden yang menjawab; IKM = Σ NRR × 1/9; konversi × 25, dibulatkan di akhir.</span>
        </div>
        <table className="report-table" data-testid="skm-elements">
          <thead>
            <tr>
              <th>Unsur</th>
              <th className="r">Menjawab</th>
              <th className="r">Jumlah nilai</th>
              <th className="r">NRR</th>
              <th className="r">Nilai konversi</th>
              <th>Mutu</th>
            </tr>
          </thead>
          <tbody>
            {r.elements.map((e) => (
              <tr key={e.code} data-testid={`skm-element-${e.code}`}>
                <td>
                  {e.code} {e.name}
                </td>
                <td className="r">{int(e.answered)}</td>
                <td className="r">{int(e.sum)}</td>
                <td className="r">{dec(e.nrr, 3)}</td>
                <td className="r">{dec(e.nrrConverted)}</td>
                <td>{e.category ? `${e.category} (${e.categoryLabel})` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {/* The same SVG as the PDF (print/survey-charts.ts): escaped text, presentation attributes only. */}
        <div className="skm-chart" data-testid="skm-chart" dangerouslySetInnerHTML={{ __html: chart }} />
        {r.lowest.length > 0 && (
          <p data-testid="skm-lowest">
            <strong>Tiga unsur terendah:</strong> {r.lowest.map((l) => `${l.code} ${l.name} (${dec(l.nrrConverted)})`).join('; ')}
          </p>
        )}
      </section>
      <section className="card">
        <div className="card-head">
          <h2>Profil responden</h2>
          <span className="muted small">{r.channels.filter((c) => c.count > 0).map((c) => `${c.label}: ${int(c.count)}`).join(' · ') || 'Belum ada jawaban.'}</span>
        </div>
        <div className="skm-profiles">
          {(
            [
              ['Jenis kelamin', r.profile.sex],
              ['Usia', r.profile.ageGroup],
              ['Pendidikan', r.profile.education],
              ['Pekerjaan', r.profile.occupation],
            ] as const
          ).map(([title, rows]) => (
            <table key={title} className="report-table">
              <thead>
                <tr>
                  <th>{title}</th>
                  <th className="r">Jumlah</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.key}>
                    <td>{x.label}</td>
                    <td className="r">{int(x.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </section>
      <section className="card">
        <div className="card-head">
          <h2>Hasil per layanan</h2>
          <span className="muted small">IKM per layanan ditampilkan bila respondennya mencapai sampel minimal layanan itu.</span>
        </div>
        <table className="report-table" data-testid="skm-services">
          <thead>
            <tr>
              <th>Layanan</th>
              <th className="r">Responden</th>
              <th className="r">Populasi</th>
              <th className="r">Sampel minimal</th>
              <th className="r">IKM</th>
              <th>Mutu</th>
            </tr>
          </thead>
          <tbody>
            {r.services.map((s) => (
              <tr key={s.code}>
                <td>
                  {s.number ? `${s.number}. ` : ''}
                  {s.name}
                </td>
                <td className="r">{int(s.respondents)}</td>
                <td className="r">{int(s.population)}</td>
                <td className="r">{int(s.minimumSample)}</td>
                <td className="r">{s.sufficient ? dec(s.ikmConverted) : '–'}</td>
                <td>{s.sufficient ? s.grade : <span className="muted">sampel belum memadai</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PlanCard report={r} editable={supervisor && r.period.key !== null} onSaved={onPlanSaved} />
    </>
  );
}

type Plan = OutputOf<'survey.report'>['plan'];

function PlanCard({ report: r, editable, onSaved }: { report: SurveyReport; editable: boolean; onSaved: () => Promise<void> }) {
  const toast = useApp((s) => s.toast);
  const [items, setItems] = useState<PlanItem[]>(() => r.plan?.items ?? []);
  const [note, setNote] = useState(r.plan?.note ?? '');
  const [saving, setSaving] = useState(false);
  // A live re-read brings an equal plan as a new object: only a different saved plan replaces the edits.
  const planKey = JSON.stringify(r.plan);
  useEffect(() => {
    setItems(r.plan?.items ?? []);
    setNote(r.plan?.note ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the plan's content (planKey), not its identity
  }, [r.period.key, planKey]);
  const plan: Plan = r.plan;

  const set = (i: number, patch: Partial<PlanItem>) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const add = (element: ElementCode) => setItems((xs) => [...xs, { element, problem: '', action: '', timeframe: '', responsible: '', followUp: '', status: 'rencana' }]);

  return (
    <section className="card" data-testid="skm-plan">
      <div className="card-head">
        <h2>Rencana tindak lanjut dan tindak lanjut perbaikan</h2>
        <span className="muted small">{plan ? `Diperbarui ${fmtDateTime(plan.updatedAt)} oleh ${plan.updatedByName ?? '—'}` : 'Belum diisi.'}</span>
      </div>
      {!editable ? (
        items.length === 0 ? (
          <p className="muted">Rencana tindak lanjut diisi oleh pimpinan (supervisor).</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th>Unsur</th>
                <th>Program/kegiatan</th>
                <th>Waktu</th>
                <th>Penanggung jawab</th>
                <th>Tindak lanjut</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p, i) => (
                <tr key={i}>
                  <td>{p.element}</td>
                  <td>{p.action}</td>
                  <td>{p.timeframe}</td>
                  <td>{p.responsible}</td>
                  <td>{p.followUp}</td>
                  <td>{PLAN_STATUS_LABEL[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <>
          <table className="report-table plan-table">
            <thead>
              <tr>
                <th>Unsur</th>
                <th>Permasalahan</th>
                <th>Program/kegiatan perbaikan</th>
                <th>Waktu</th>
                <th>Penanggung jawab</th>
                <th>Tindak lanjut</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((p, i) => (
                <tr key={i} data-testid={`plan-row-${i}`}>
                  <td>
                    <select aria-label="Unsur" value={p.element} onChange={(e) => set(i, { element: e.target.value as ElementCode })}>
                      {ELEMENTS.map((e) => (
                        <option key={e.code} value={e.code}>
                          {e.code} {e.shortName}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <textarea aria-label="Permasalahan" value={p.problem} onChange={(e) => set(i, { problem: e.target.value })} />
                  </td>
                  <td>
                    <textarea aria-label="Program/kegiatan perbaikan" value={p.action} onChange={(e) => set(i, { action: e.target.value })} />
                  </td>
                  <td>
                    <textarea aria-label="Waktu" value={p.timeframe} onChange={(e) => set(i, { timeframe: e.target.value })} />
                  </td>
                  <td>
                    <textarea aria-label="Penanggung jawab" value={p.responsible} onChange={(e) => set(i, { responsible: e.target.value })} />
                  </td>
                  <td>
                    <textarea aria-label="Tindak lanjut" value={p.followUp} onChange={(e) => set(i, { followUp: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label="Status" value={p.status} onChange={(e) => set(i, { status: e.target.value as PlanItem['status'] })}>
                      {PLAN_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {PLAN_STATUS_LABEL[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}>
                      Hapus
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="field">
            <label htmlFor="plan-note">Catatan</label>
            <textarea id="plan-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="form-actions">
            <span className="muted small">Disarankan mulai dari tiga unsur terendah.</span>
            <button type="button" className="secondary" onClick={() => add(r.lowest[items.length]?.code ?? 'U1')} data-testid="plan-add">
              Tambah baris
            </button>
            <button
              type="button"
              className="primary"
              disabled={saving}
              data-testid="plan-save"
              onClick={asyncHandler(async () => {
                setSaving(true);
                const res = await call('survey.setPlan', { period: r.period.key!, items, note });
                setSaving(false);
                if (!res.ok) return toast('error', res.error.issues?.[0]?.message ?? res.error.message);
                toast('success', 'Rencana tindak lanjut tersimpan.');
                await onSaved();
              })}
            >
              {saving ? 'Menyimpan…' : 'Simpan rencana'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
