/**
 * The public satisfaction survey page of an office (issue 13 phase 2, docs/adr/0010 §6), on the public page
 * shell of issue 12 (ADR 0012 §9: office of the address, rate limits, honeypot, signed form token):
 *   GET  /kantor/<slug or office id>/survei    the questionnaire (PermenPANRB 14/2017: profile, U1–U9)
 *   POST /kantor/<slug>/survei                 the answers, with the survey code from the receipt
 * The receipt's QR code opens `/kantor/<office id>/survei#t=<code>` (the workstation knows its office's id,
 * not its slug). The code travels in the URL fragment, which no browser sends to a server; a small
 * same-origin script copies it into the code field and removes it from the address bar, so it reaches the
 * server only in the POST body and lands in no access log. Without the script (or on a receipt without a
 * QR reader) the visitor types the code printed on the receipt.
 *
 * What the server does with the answers is server/survey.ts: one response per code (a reused code is
 * refused with the counter's message), held until its day is over and its code is known, then written
 * into the office's log, signed by the server, with no visit, time or person.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AgeGroup, Education, Occupation, Sex } from '../../domain/survey/questionnaire';
import {
  ageGroupOf,
  EDUCATION_LABEL,
  EDUCATIONS,
  ELEMENTS,
  MAX_AGE,
  MIN_AGE,
  OCCUPATION_LABEL,
  OCCUPATIONS,
  SEX_LABEL,
  SEXES,
  type AnswerValue,
  type Answers,
} from '../../domain/survey/questionnaire';
import { formatToken, parseTokenInput, USED_CODE_MESSAGE } from '../../domain/survey/token';
import { witaIsoDate } from '../../domain/time/wita';
import { html, raw, type SafeHtml } from '../../print/html';
import { holdPhoneAnswer, type HeldAnswers } from '../survey';
import { guardFields, TOKEN_FIELD, TOKEN_MESSAGES } from './guard';
import type { PublicPageModule, PublicRoutes } from './index';
import { officeHeader, publicOfficeBySlug, type PublicOffice } from './office-log';
import { errorSummary, field, publicPage, PUBLIC_SCRIPT_HEADERS, selectField, type FieldIssue, type PageOffice, type PageOptions } from './page';

export const SURVEY_SCRIPT_PATH = '/publik/survei.js';

/**
 * Copies the code from the fragment (`#t=<code>`) into the code field and drops the fragment from the
 * address bar (and so from the history and anything shared from it). Plain ES5, no inline code (the CSP
 * allows same-origin scripts on this page only).
 */
export const SURVEY_SCRIPT = `(function () {
  var m = /(?:^#|&)t=([0-9A-Za-z-]{1,40})/.exec(window.location.hash);
  if (!m) return;
  var input = document.getElementById('f-kode');
  if (input && !input.value) {
    // Shown as printed on the receipt: four groups of four.
    input.value = m[1].toUpperCase().replace(/-/g, '').replace(/(.{4})(?=.)/g, '$1-');
    var hint = document.getElementById('f-kode-qr');
    if (hint) hint.hidden = false;
  }
  if (window.history && window.history.replaceState) window.history.replaceState(null, '', window.location.pathname + window.location.search);
})();
`;

const FOOTER =
  'Survei ini tanpa nama. Jawaban Anda tidak disimpan bersama nama, nomor identitas, maupun kunjungan Anda, dan hanya digunakan untuk menghitung Indeks Kepuasan Masyarakat (PermenPANRB Nomor 14 Tahun 2017) serta memperbaiki pelayanan.';

const ANSWER_FIELDS = ELEMENTS.map((e) => e.code.toLowerCase());
const FIELDS = ['kode', 'jenis_kelamin', 'umur', 'pendidikan', 'pekerjaan', ...ANSWER_FIELDS] as const;

type Values = Partial<Record<string, string>>;
type Located = { office: PublicOffice; header: PageOffice };

function page(o: PageOptions): string {
  return publicPage({ ...o, footer: FOOTER, scripts: [SURVEY_SCRIPT_PATH] });
}

/** A group of radio buttons as one question: its legend, its error, large touch targets. */
function radioGroup(o: { name: string; legend: SafeHtml | string; options: readonly { value: string; label: string }[]; value?: string; issues: readonly FieldIssue[]; row?: boolean }): SafeHtml {
  const error = o.issues.find((i) => i.field === o.name)?.message;
  const id = `f-${o.name}`;
  return html`<fieldset class="question${error ? ' has-error' : ''}" id="${id}"${error ? raw(` aria-describedby="${id}-err"`) : raw('')}><legend>${o.legend}</legend>${
    error ? html`<div class="error" id="${id}-err">${error}</div>` : ''
  }<div class="choices${o.row ? ' row' : ''}">${o.options.map(
    (x, i) =>
      html`<label class="choice" for="${id}-${String(i + 1)}"><input type="radio" id="${id}-${String(i + 1)}" name="${o.name}" value="${x.value}"${x.value === o.value ? raw(' checked') : raw('')}>${x.label}</label>`,
  )}</div></fieldset>`;
}

function surveyForm(r: PublicRoutes, reply: FastifyReply, o: Located, status: number, values: Values, issues: FieldIssue[], notice?: string, formToken?: string): FastifyReply {
  // A form sent back for a correction keeps its (valid) token: the visitor already spent the time reading it.
  const token = formToken ?? r.tokens.issue(`${o.office.id}|survei`, r.options.now());
  const body = html`<h1>Survei Kepuasan Masyarakat</h1>
<p>Terima kasih telah menggunakan layanan kami. Penilaian Anda membantu kami memperbaiki pelayanan. Survei ini tanpa nama dan hanya dapat diisi satu kali untuk setiap kunjungan.</p>
${notice ? html`<div class="notice error" role="alert">${notice}</div>` : ''}
${errorSummary(issues)}
<form method="post" action="/kantor/${o.office.slug}/survei" novalidate>
${guardFields(token)}
${field({ name: 'kode', label: 'Kode survei', required: true, hint: 'Tertera pada tanda terima berkas, 16 huruf/angka, mis. K7QM-3XD9-PA2F-HV8C.', maxLength: 40, value: values.kode, issues })}
<p class="hint" id="f-kode-qr" hidden>Kode terisi otomatis dari kode QR pada tanda terima Anda.</p>
<h2>Tentang Anda</h2>
<p class="hint">Boleh tidak diisi.</p>
${radioGroup({ name: 'jenis_kelamin', legend: 'Jenis kelamin', options: SEXES.map((s) => ({ value: s, label: SEX_LABEL[s] })), value: values.jenis_kelamin, issues, row: true })}
${field({ name: 'umur', label: 'Umur (tahun)', maxLength: 3, value: values.umur, issues })}
${selectField({ name: 'pendidikan', label: 'Pendidikan terakhir', value: values.pendidikan, options: [{ value: '', label: '— tidak diisi —' }, ...EDUCATIONS.map((e) => ({ value: e, label: EDUCATION_LABEL[e] }))], issues })}
${selectField({ name: 'pekerjaan', label: 'Pekerjaan utama', value: values.pekerjaan, options: [{ value: '', label: '— tidak diisi —' }, ...OCCUPATIONS.map((e) => ({ value: e, label: OCCUPATION_LABEL[e] }))], issues })}
<h2>Penilaian Anda</h2>
<p class="hint">Pilih satu jawaban untuk setiap pertanyaan. Pertanyaan yang tidak Anda ketahui boleh dilewati.</p>
${ELEMENTS.map((e, i) =>
  radioGroup({
    name: e.code.toLowerCase(),
    legend: html`<span class="element">${String(i + 1)}. ${e.name}</span>${e.question}`,
    options: e.labels.map((label, k) => ({ value: String(k + 1), label })),
    value: values[e.code.toLowerCase()],
    issues,
  }),
)}
<button type="submit">Kirim penilaian</button>
</form>`;
  return r.send(reply, status, page({ title: `${issues.length ? 'Periksa isian — ' : ''}Survei Kepuasan Masyarakat`, office: o.header, body }), PUBLIC_SCRIPT_HEADERS);
}

/** The office of `/kantor/<x>/survei`: by its slug, or by its id (the address in a receipt's QR code). */
async function locate(r: PublicRoutes, req: FastifyRequest, reply: FastifyReply): Promise<Located | null> {
  const key = (req.params as { slug?: string }).slug ?? '';
  const db = r.options.store.db;
  let office = await publicOfficeBySlug(db, key);
  if (!office && /^[0-9a-f-]{36}$/.test(key)) {
    const row = await db.selectFrom('offices').select(['id', 'name', 'public_slug', 'public_forms']).where('id', '=', key).executeTakeFirst();
    if (row && row.public_forms === 1 && row.public_slug) office = { id: row.id, name: row.name, slug: row.public_slug };
  }
  if (!office) {
    r.send(
      reply,
      404,
      r.messagePage(null, 'Halaman tidak ditemukan', 'Survei daring kantor ini sedang tidak dibuka. Anda tetap dapat mengisi survei di kios atau dengan kuesioner kertas di loket pelayanan.'),
    );
    return null;
  }
  return { office, header: await officeHeader(db, office) };
}

/** The posted answers, checked; problems are collected per field. */
function readAnswers(v: Values): { answers: HeldAnswers | null; token: string | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const codeText = (v.kode ?? '').trim();
  const token = codeText ? parseTokenInput(codeText) : null;
  if (!codeText) issues.push({ field: 'kode', message: 'Kode survei wajib diisi. Kode tertera pada tanda terima berkas Anda.' });
  else if (!token) issues.push({ field: 'kode', message: 'Kode survei tidak valid. Periksa kembali 16 huruf/angka pada tanda terima (mis. K7QM-3XD9-PA2F-HV8C).' });
  const pick = <T extends string>(name: string, allowed: readonly T[], message: string): T | null => {
    const s = (v[name] ?? '').trim();
    if (s === '') return null;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    issues.push({ field: name, message });
    return null;
  };
  const sex = pick<Sex>('jenis_kelamin', SEXES, 'Pilih jenis kelamin dari pilihan yang ada.');
  const education = pick<Education>('pendidikan', EDUCATIONS, 'Pilih pendidikan dari daftar.');
  const occupation = pick<Occupation>('pekerjaan', OCCUPATIONS, 'Pilih pekerjaan dari daftar.');
  let ageGroup: AgeGroup | null = null;
  const age = (v.umur ?? '').trim();
  if (age !== '') {
    const n = /^\d{1,3}$/.test(age) ? Number(age) : NaN;
    if (!(n >= MIN_AGE && n <= MAX_AGE)) issues.push({ field: 'umur', message: `Umur diisi dengan angka tahun, ${MIN_AGE}–${MAX_AGE}.` });
    else ageGroup = ageGroupOf(n);
  }
  const answers = {} as Answers;
  for (const e of ELEMENTS) {
    const s = (v[e.code.toLowerCase()] ?? '').trim();
    const value = s === '' ? null : /^[1-4]$/.test(s) ? (Number(s) as AnswerValue) : undefined;
    if (value === undefined) issues.push({ field: e.code.toLowerCase(), message: `Jawaban pertanyaan ${e.name} tidak dikenal.` });
    answers[e.code] = value ?? null;
  }
  if (!Object.values(answers).some((a) => a !== null) && !issues.some((i) => /^u\d$/.test(i.field))) {
    issues.push({ field: 'u1', message: 'Jawab paling sedikit satu pertanyaan penilaian.' });
  }
  return { answers: issues.length === 0 ? { sex, ageGroup, education, occupation, answers } : null, token, issues };
}

export const surveyPages: PublicPageModule = {
  startSection(office) {
    return html`<h2>Survei Kepuasan Masyarakat</h2>
<p>Sudah menerima layanan kami? Pindai kode QR pada tanda terima berkas Anda, atau <a href="/kantor/${office.slug}/survei">buka halaman survei</a> lalu ketik kode survei yang tertera pada tanda terima. Survei ini tanpa nama dan hanya dapat diisi satu kali untuk setiap kunjungan.</p>`;
  },
  register(app: FastifyInstance, r: PublicRoutes) {
    app.get('/:slug/survei', async (req, reply) => {
      const o = await locate(r, req, reply);
      if (!o || !(await r.allow(req, reply, 'view', o.header))) return reply;
      return surveyForm(r, reply, o, 200, {}, []);
    });

    app.post('/:slug/survei', async (req, reply) => {
      const o = await locate(r, req, reply);
      if (!o || !(await r.allow(req, reply, 'submit', o.header))) return reply;
      const posted = r.form(req, reply, `${o.office.id}|survei`, FIELDS, o.header);
      if (!posted) return reply;
      const v = posted.fields;
      const { answers, token, issues } = readAnswers(v);
      // The form's own token goes back with it (its age still counts from when the form was first served),
      // unless it has expired.
      const keep = posted.timing === TOKEN_MESSAGES.expired ? undefined : v[TOKEN_FIELD];
      if (!answers || !token) return surveyForm(r, reply, o, 400, v, issues, undefined, keep);
      // Sent within seconds of being served (or hours later): back to the person with what they chose.
      if (posted.timing) return surveyForm(r, reply, o, 400, v, [], posted.timing, keep);
      const t = r.options.now();
      const day = witaIsoDate(t);
      const outcome = await r.write(o.office.id, t, (w) => holdPhoneAnswer(w.tx, r.options.store.dialect, o.office.id, token, day, answers));
      const again = { ...v, kode: '' };
      switch (outcome.kind) {
        case 'used':
          return r.send(reply, 409, page({ title: 'Survei sudah diisi', office: o.header, body: html`<h1>Survei sudah diisi</h1><div class="notice warn" role="alert">${USED_CODE_MESSAGE}</div><p>Kode: <span class="code">${formatToken(token)}</span></p>` }), PUBLIC_SCRIPT_HEADERS);
        case 'expired':
          return surveyForm(r, reply, o, 410, again, [{ field: 'kode', message: `Kode survei ini sudah tidak berlaku (berlaku sampai ${outcome.validUntil}).` }]);
        case 'superseded':
          return surveyForm(r, reply, o, 409, again, [
            { field: 'kode', message: 'Kode survei ini tidak berlaku karena kunjungan Anda memperoleh kode lain. Gunakan kode pada tanda terima asli, atau isi survei di kios loket.' },
          ]);
        case 'held':
          break;
      }
      req.log.info({ office: o.office.id }, 'public_survey_received');
      const body = html`<h1>Terima kasih</h1>
<div class="notice" role="status"><p>Penilaian Anda sudah kami terima dan akan kami gunakan untuk memperbaiki pelayanan.</p></div>
<p>Jawaban Anda dihitung dalam Indeks Kepuasan Masyarakat setelah hari ini berakhir, bersama jawaban pengguna layanan lainnya, tanpa nama dan tanpa keterangan kunjungan.</p>`;
      return r.send(reply, 201, page({ title: 'Terima kasih', office: o.header, body }), PUBLIC_SCRIPT_HEADERS);
    });
  },
};
