/**
 * The public complaint and suggestion pages of an office (issue 12; Perwali Banjarmasin 67/2018 Pasal 8(2):
 * "media teknologi informasi"):
 *   GET  /kantor/<slug>                 what the office offers online
 *   GET  /kantor/<slug>/pengaduan       the complaint form (Pasal 8(4) content)
 *   POST /kantor/<slug>/pengaduan       records it: the tracking number and a secret code, both deadlines
 *   GET  /kantor/<slug>/saran           the suggestion form (identity optional)
 *   POST /kantor/<slug>/saran
 *   GET  /kantor/<slug>/status          number + code
 *   POST /kantor/<slug>/status          the status of that one complaint, and nothing else
 *   POST /kantor/<slug>/kelengkapan     what the complainant adds while the complaint waits for it
 * Each record is an event the server writes into the office's log and signs (`PublicRoutes.write`, issue
 * 10's `appendServerEventIn`), so it reaches the counter PCs by sync and each verifies it like any event;
 * every PC's fold accepts a `channel: 'web'` record from the server only (domain/permissions.ts). Complaint
 * numbers come from the server's log (server/numbering.ts); deadlines are counted on the office's own
 * calendar from its log.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComplaintState } from '../../domain/aggregates/complaint';
import { acknowledgementDeadlines, completenessClock, responseClock, timesOfState } from '../../domain/complaints/clock';
import { STAGE_LABEL } from '../../domain/complaints/labels';
import { uuidv7 } from '../../domain/events/uuidv7';
import { firstProvisionalYear } from '../../domain/time/calendar';
import { formatWita, isValidIsoDate, witaDayStartMs, witaIsoDate } from '../../domain/time/wita';
import { html, type SafeHtml } from '../../print/html';
import { guardFields } from './guard';
import { nextServerComplaintNo, serverComplaintByNumber } from '../numbering';
import type { PublicPageModule, PublicRoutes } from './index';
import { complaintState, officeCalendar, officeCatalogue, type PublicOffice } from './office-log';
import { checkboxField, errorSummary, field, publicPage, selectField, type FieldIssue, type PageLink, type PageOffice, type PageOptions } from './page';
import { newStatusCode, normalizeStatusCode, sameHash, statusCodeHash } from './status-code';

/** What the complaint pages say about the data they collect (the shell's footer). */
const FOOTER =
  'Data yang Anda kirim hanya digunakan untuk menangani pengaduan dan saran sesuai Peraturan Walikota Banjarmasin Nomor 67 Tahun 2018 dan UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.';

function page(o: PageOptions): string {
  return publicPage({ ...o, footer: FOOTER });
}

const COMPLAINT_FIELDS = ['nama', 'alamat', 'kontak', 'layanan', 'tanda_terima', 'tanggal_layanan', 'uraian', 'kerugian', 'permintaan', 'pernyataan'] as const;
const SUGGESTION_FIELDS = ['nama', 'kontak', 'layanan', 'saran'] as const;
const STATUS_FIELDS = ['nomor', 'kode'] as const;
const SUPPLEMENT_FIELDS = ['nomor', 'kode', 'kelengkapan'] as const;

type Values = Partial<Record<string, string>>;

function links(o: PublicOffice, current: string): PageLink[] {
  const base = `/kantor/${o.slug}`;
  return [
    { href: `${base}/pengaduan`, label: 'Sampaikan pengaduan', current: current === 'pengaduan' },
    { href: `${base}/saran`, label: 'Saran dan masukan', current: current === 'saran' },
    { href: `${base}/status`, label: 'Cek status pengaduan', current: current === 'status' },
  ];
}

/** Trimmed text with its length checked; problems collected with the field they belong to. */
class Checker {
  readonly issues: FieldIssue[] = [];
  constructor(private readonly v: Values) {}

  text(name: string, label: string, min: number, max: number): string | null {
    const s = (this.v[name] ?? '').trim();
    if (s.length === 0 && min > 0) this.issues.push({ field: name, message: `${label} wajib diisi.` });
    else if (s.length > 0 && s.length < min) this.issues.push({ field: name, message: `${label} minimal ${min} karakter.` });
    else if (s.length > max) this.issues.push({ field: name, message: `${label} maksimal ${max} karakter.` });
    return s === '' ? null : s;
  }
}

/** A contact people can be reached at: an e-mail address or a telephone number (8–15 digits). */
function contactProblem(s: string): string | null {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) return null;
  const digits = s.replace(/[\s().+-]/g, '');
  return /^\d{8,15}$/.test(digits) ? null : 'Kontak harus nomor telepon/WhatsApp atau alamat e-mail yang dapat dihubungi.';
}

async function serviceOptions(db: Parameters<typeof officeCatalogue>[0], officeId: string) {
  const c = await officeCatalogue(db, officeId);
  return c.services.filter((s) => s.active).map((s) => ({ value: s.code, label: `${s.number}. ${s.name}` }));
}

function deadlinesList(completenessDueAt: number, responseDueAt: number, provisionalYear: number | null): SafeHtml {
  const mark = provisionalYear ? ' (perkiraan*)' : '';
  return html`<dl class="kv"><dt>Pemberitahuan lengkap/tidak lengkapnya pengaduan paling lambat</dt><dd>${formatWita(completenessDueAt)}</dd><dt>Tanggapan paling lambat</dt><dd>${formatWita(responseDueAt)}${mark}</dd></dl>${
    provisionalYear ? html`<p class="hint">* Perkiraan: hari libur dan cuti bersama tahun ${String(provisionalYear)} belum ditetapkan pemerintah; tanggal dapat bergeser.</p>` : ''
  }`;
}

export const complaintPages: PublicPageModule = {
  startSection(office) {
    const base = `/kantor/${office.slug}`;
    return html`<h2>Pengaduan, saran dan masukan</h2>
<p>Sampaikan pengaduan tentang layanan yang tidak sesuai standar pelayanan, atau saran untuk perbaikan layanan, tanpa perlu datang ke kantor.</p>
<ul><li><a href="${base}/pengaduan">Sampaikan pengaduan</a>: paling lambat 30 hari setelah Anda menerima layanan. Anda diberi tahu lengkap atau tidaknya pengaduan paling lambat 3 hari kerja, dan tanggapan paling lambat 6 hari kerja sejak diterima.</li>
<li><a href="${base}/saran">Sampaikan saran dan masukan</a>: identitas boleh tidak diisi.</li>
<li><a href="${base}/status">Cek status pengaduan</a> dengan nomor pengaduan dan kode rahasia Anda.</li></ul>`;
  },
  register: registerComplaintPages,
};

function registerComplaintPages(app: FastifyInstance, r: PublicRoutes): void {
  const db = r.options.store.db;
  const now = () => r.options.now();

  // ---- complaint ----------------------------------------------------------------------------------
  async function complaintForm(reply: FastifyReply, o: { office: PublicOffice; header: PageOffice }, status: number, values: Values, issues: FieldIssue[], notice?: string) {
    const services = await serviceOptions(db, o.office.id);
    const token = r.tokens.issue(`${o.office.id}|pengaduan`, now());
    const body = html`<h1>Sampaikan pengaduan</h1>
<p>Pengaduan disampaikan secara tertulis paling lambat 30 hari sejak Anda menerima layanan (Perwali Banjarmasin 67/2018 Pasal 8). Isian bertanda (wajib) harus diisi.</p>
${notice ? html`<div class="notice error" role="alert">${notice}</div>` : ''}
${errorSummary(issues)}
<form method="post" action="/kantor/${o.office.slug}/pengaduan" novalidate>
${guardFields(token)}
<fieldset><legend>Identitas pengadu</legend>
${field({ name: 'nama', label: 'Nama lengkap', required: true, maxLength: 200, value: values.nama, issues, autocomplete: 'name' })}
${field({ name: 'alamat', label: 'Alamat lengkap', required: true, maxLength: 500, value: values.alamat, issues, kind: 'textarea', rows: 2, autocomplete: 'street-address' })}
${field({ name: 'kontak', label: 'Telepon/WhatsApp atau e-mail', required: true, hint: 'Untuk menyampaikan pemberitahuan dan tanggapan kepada Anda.', maxLength: 200, value: values.kontak, issues, autocomplete: 'tel' })}
</fieldset>
<fieldset><legend>Layanan yang diadukan</legend>
${selectField({ name: 'layanan', label: 'Layanan', value: values.layanan, options: [{ value: '', label: '— pilih bila tahu —' }, ...services], issues })}
${field({ name: 'tanda_terima', label: 'Nomor tanda terima berkas (bila ada)', hint: 'Tertera pada tanda terima, mis. TT-20261123-A1B2C3-001.', maxLength: 64, value: values.tanda_terima, issues })}
${field({ name: 'tanggal_layanan', label: 'Tanggal Anda menerima layanan', kind: 'date', maxLength: 10, value: values.tanggal_layanan, issues })}
</fieldset>
<fieldset><legend>Isi pengaduan</legend>
${field({ name: 'uraian', label: 'Uraian pelayanan yang tidak sesuai standar pelayanan', required: true, maxLength: 5000, value: values.uraian, issues, kind: 'textarea', rows: 6 })}
${field({ name: 'kerugian', label: 'Kerugian materiil atau immateriil yang Anda alami', maxLength: 3000, value: values.kerugian, issues, kind: 'textarea', rows: 3 })}
${field({ name: 'permintaan', label: 'Penyelesaian yang Anda minta', required: true, maxLength: 3000, value: values.permintaan, issues, kind: 'textarea', rows: 3 })}
</fieldset>
${checkboxField({ name: 'pernyataan', label: 'Saya menyatakan isi pengaduan ini benar dan dapat saya pertanggungjawabkan.', checked: values.pernyataan === 'ya', issues, required: true })}
<p class="hint">Data Anda hanya digunakan untuk menangani pengaduan ini dan tidak diberikan kepada pihak lain kecuali diwajibkan peraturan perundang-undangan (UU Nomor 27 Tahun 2022).</p>
<button type="submit">Kirim pengaduan</button>
</form>`;
    return r.send(reply, status, page({ title: `${issues.length ? 'Periksa isian — ' : ''}Sampaikan pengaduan`, office: o.header, links: links(o.office, 'pengaduan'), body }));
  }

  app.get('/:slug/pengaduan', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'view', o.header))) return reply;
    return complaintForm(reply, o, 200, { pernyataan: '' }, []);
  });

  app.post('/:slug/pengaduan', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'submit', o.header))) return reply;
    const posted = r.form(req, reply, `${o.office.id}|pengaduan`, COMPLAINT_FIELDS, o.header);
    if (!posted) return reply;
    const v = posted.fields;
    const t = now();
    const c = new Checker(v);
    const name = c.text('nama', 'Nama lengkap', 1, 200);
    const address = c.text('alamat', 'Alamat lengkap', 5, 500);
    const contact = c.text('kontak', 'Telepon/WhatsApp atau e-mail', 1, 200);
    if (contact) {
      const p = contactProblem(contact);
      if (p) c.issues.push({ field: 'kontak', message: p });
    }
    const serviceCode = c.text('layanan', 'Layanan', 0, 64);
    if (serviceCode && !(await serviceOptions(db, o.office.id)).some((s) => s.value === serviceCode)) c.issues.push({ field: 'layanan', message: 'Pilih layanan dari daftar.' });
    const receiptNo = c.text('tanda_terima', 'Nomor tanda terima', 0, 64);
    const serviceDate = c.text('tanggal_layanan', 'Tanggal menerima layanan', 0, 10);
    if (serviceDate && (!isValidIsoDate(serviceDate) || serviceDate < '2000-01-01')) c.issues.push({ field: 'tanggal_layanan', message: 'Tanggal menerima layanan tidak valid.' });
    else if (serviceDate && serviceDate > witaIsoDate(t)) c.issues.push({ field: 'tanggal_layanan', message: 'Tanggal menerima layanan tidak boleh setelah hari ini.' });
    const text = c.text('uraian', 'Uraian pengaduan', 10, 5000);
    const loss = c.text('kerugian', 'Uraian kerugian', 0, 3000);
    const request = c.text('permintaan', 'Penyelesaian yang diminta', 5, 3000);
    if (v.pernyataan !== 'ya') c.issues.push({ field: 'pernyataan', message: 'Centang pernyataan kebenaran isi pengaduan.' });
    if (c.issues.length > 0) return complaintForm(reply, o, 400, v, c.issues);
    // Sent within seconds of being served (or hours later): back to the person, nothing recorded.
    if (posted.timing) return complaintForm(reply, o, 400, v, [], posted.timing);

    const cal = await officeCalendar(db, o.office.id);
    const due = acknowledgementDeadlines(t, cal);
    const id = uuidv7(t);
    const code = newStatusCode();
    const hash = statusCodeHash(id, code);
    const number = await r.write(o.office.id, t, async (w) => {
      // Drawn under the office lock, from the server's log: two submissions never draw the same number.
      const no = await nextServerComplaintNo(w.tx, o.office.id, r.options.epoch, t);
      await w.append({
        type: 'complaint.received',
        aggregateId: id,
        payload: {
          receivedAt: t,
          number: no,
          channel: 'web',
          complainant: { name: name!, address: address!, contact },
          serviceCode,
          visitId: null,
          receiptNo: receiptNo ? receiptNo.toUpperCase() : null,
          serviceAt: serviceDate ? witaDayStartMs(serviceDate) : null,
          text: text!,
          loss,
          request: request!,
          place: 'Formulir daring',
          signed: false,
          laporNo: null,
          completenessDueAt: due.completenessDueAt,
          responseDueAt: due.responseDueAt,
          dueProvisional: due.provisional,
          statusCodeHash: hash,
          at: t,
        },
      });
      return no;
    });
    req.log.info({ office: o.office.id }, 'public_complaint_received');
    const provisionalYear = firstProvisionalYear(cal, t, due.responseDueAt);
    const body = html`<h1>Pengaduan Anda telah diterima</h1>
<div class="notice" role="status"><p>Nomor pengaduan:</p><p class="code" id="nomor">${number}</p><p>Kode rahasia untuk melihat status:</p><p class="code" id="kode">${code}</p></div>
<p><strong>Catat atau simpan nomor dan kode ini sekarang.</strong> Kode tidak dapat ditampilkan lagi; tanpa kode, status hanya dapat ditanyakan langsung di loket dengan menyebutkan nomor pengaduan.</p>
<p>Diterima ${formatWita(t)}.</p>
${deadlinesList(due.completenessDueAt, due.responseDueAt, provisionalYear)}
<p>Jangka waktu dihitung pada jam layanan hari kerja. Bila pengaduan dinyatakan belum lengkap, Anda dapat melengkapinya pada halaman status; selama itu jangka waktu tanggapan tidak berjalan.</p>
<p><a class="button" href="/kantor/${o.office.slug}/status">Cek status pengaduan</a></p>`;
    return r.send(reply, 201, page({ title: 'Pengaduan diterima', office: o.header, links: links(o.office, ''), body }));
  });

  // ---- suggestion ---------------------------------------------------------------------------------
  async function suggestionForm(reply: FastifyReply, o: { office: PublicOffice; header: PageOffice }, status: number, values: Values, issues: FieldIssue[], notice?: string) {
    const services = await serviceOptions(db, o.office.id);
    const token = r.tokens.issue(`${o.office.id}|saran`, now());
    const body = html`<h1>Sampaikan saran dan masukan</h1>
<p>Saran Anda membantu kami memperbaiki layanan. Nama dan kontak boleh tidak diisi.</p>
${notice ? html`<div class="notice error" role="alert">${notice}</div>` : ''}
${errorSummary(issues)}
<form method="post" action="/kantor/${o.office.slug}/saran" novalidate>
${guardFields(token)}
${field({ name: 'saran', label: 'Saran atau masukan', required: true, maxLength: 2000, value: values.saran, issues, kind: 'textarea', rows: 5 })}
${selectField({ name: 'layanan', label: 'Mengenai layanan', value: values.layanan, options: [{ value: '', label: '— umum / tidak tertentu —' }, ...services], issues })}
${field({ name: 'nama', label: 'Nama (boleh kosong)', maxLength: 200, value: values.nama, issues, autocomplete: 'name' })}
${field({ name: 'kontak', label: 'Telepon atau e-mail (boleh kosong)', maxLength: 200, value: values.kontak, issues })}
<button type="submit">Kirim saran</button>
</form>`;
    return r.send(reply, status, page({ title: `${issues.length ? 'Periksa isian — ' : ''}Saran dan masukan`, office: o.header, links: links(o.office, 'saran'), body }));
  }

  app.get('/:slug/saran', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'view', o.header))) return reply;
    return suggestionForm(reply, o, 200, {}, []);
  });

  app.post('/:slug/saran', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'submit', o.header))) return reply;
    const posted = r.form(req, reply, `${o.office.id}|saran`, SUGGESTION_FIELDS, o.header);
    if (!posted) return reply;
    const v = posted.fields;
    const c = new Checker(v);
    const text = c.text('saran', 'Saran atau masukan', 5, 2000);
    const serviceCode = c.text('layanan', 'Layanan', 0, 64);
    if (serviceCode && !(await serviceOptions(db, o.office.id)).some((s) => s.value === serviceCode)) c.issues.push({ field: 'layanan', message: 'Pilih layanan dari daftar.' });
    const name = c.text('nama', 'Nama', 0, 200);
    const contact = c.text('kontak', 'Kontak', 0, 200);
    if (c.issues.length > 0) return suggestionForm(reply, o, 400, v, c.issues);
    if (posted.timing) return suggestionForm(reply, o, 400, v, [], posted.timing);
    const t = now();
    await r.write(o.office.id, t, (w) => w.append({ type: 'suggestion.received', aggregateId: uuidv7(t), payload: { receivedAt: t, channel: 'web', name, contact, serviceCode, text: text!, at: t } }));
    req.log.info({ office: o.office.id }, 'public_suggestion_received');
    return r.send(
      reply,
      201,
      page({ title: 'Terima kasih', office: o.header, links: links(o.office, ''), body: html`<h1>Terima kasih</h1><div class="notice" role="status">Saran Anda telah kami terima pada ${formatWita(t)} dan akan menjadi bahan perbaikan layanan.</div>` }),
    );
  });

  // ---- status -------------------------------------------------------------------------------------
  function lookupForm(reply: FastifyReply, o: { office: PublicOffice; header: PageOffice }, status: number, values: Values, issues: FieldIssue[], notice?: string) {
    const body = html`<h1>Cek status pengaduan</h1>
<p>Masukkan nomor pengaduan dan kode rahasia yang Anda terima saat mengirim pengaduan melalui halaman ini.</p>
${notice ? html`<div class="notice error" role="alert">${notice}</div>` : ''}
${errorSummary(issues)}
<form method="post" action="/kantor/${o.office.slug}/status" novalidate>
${field({ name: 'nomor', label: 'Nomor pengaduan', required: true, hint: 'mis. PGD-20261201-W1A2B3-001', maxLength: 64, value: values.nomor, issues })}
${field({ name: 'kode', label: 'Kode rahasia', required: true, hint: '10 huruf/angka, mis. K7Q2M-9XH4D', maxLength: 20, value: '', issues })}
<button type="submit">Lihat status</button>
</form>`;
    return r.send(reply, status, page({ title: 'Cek status pengaduan', office: o.header, links: links(o.office, 'status'), body }));
  }

  /** The complaint a number and code open, or null (the same answer for an unknown number and a wrong code). */
  async function lookup(officeId: string, numberText: string, codeText: string): Promise<{ state: ComplaintState; number: string; code: string } | null> {
    const number = numberText.trim().toUpperCase();
    const code = normalizeStatusCode(codeText);
    // Only a complaint the server itself numbered (its own public form) has a status page.
    const id = await serverComplaintByNumber(db, officeId, number);
    const state = id ? await complaintState(db, officeId, id) : null;
    // Hash even when the number is unknown, so a wrong number and a wrong code take the same time.
    const hash = statusCodeHash(state?.id ?? crypto.randomUUID(), code ?? '');
    if (!state?.statusCodeHash || !code || !sameHash(hash, state.statusCodeHash)) return null;
    return { state, number, code };
  }

  async function statusPage(reply: FastifyReply, o: { office: PublicOffice; header: PageOffice }, found: { state: ComplaintState; number: string; code: string }, notice?: string, status = 200) {
    const c = found.state;
    const t = now();
    const cal = await officeCalendar(db, o.office.id);
    const times = timesOfState(c);
    const ck = completenessClock(times, cal, t);
    const rk = responseClock(times, cal, t);
    const waiting = c.stage === 'waiting_completeness';
    const provisionalYear = rk.deadlineMs !== null ? firstProvisionalYear(cal, c.receivedAt, rk.deadlineMs) : null;
    const token = r.tokens.issue(`${o.office.id}|kelengkapan`, t);
    const body = html`<h1>Status pengaduan</h1>
${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
<dl class="kv"><dt>Nomor pengaduan</dt><dd>${found.number}</dd><dt>Diterima</dt><dd>${formatWita(c.receivedAt)}</dd><dt>Tahap saat ini</dt><dd id="tahap">${STAGE_LABEL[c.stage]}</dd>
${c.firstDecisionAt === null && ck.deadlineMs !== null ? html`<dt>Pemberitahuan kelengkapan paling lambat</dt><dd>${formatWita(ck.deadlineMs)}</dd>` : ''}
${c.response || c.closed || rk.deadlineMs === null ? '' : html`<dt>Tanggapan paling lambat</dt><dd>${waiting ? 'dihitung kembali setelah pengaduan dilengkapi' : `${formatWita(rk.deadlineMs)}${provisionalYear ? ' (perkiraan)' : ''}`}</dd>`}
</dl>
<h2>Tahapan</h2>
<ol class="steps">${c.history.map((h) => html`<li>${STAGE_LABEL[h.stage]} — ${formatWita(h.at)}</li>`)}</ol>
${
  waiting
    ? html`<h2>Pengaduan Anda belum lengkap</h2><p>Mohon lengkapi:</p><div class="words">${c.completeness?.missing ?? ''}</div>
<p>Selama pengaduan belum dilengkapi, jangka waktu tanggapan tidak berjalan.</p>
<form method="post" action="/kantor/${o.office.slug}/kelengkapan" novalidate>${guardFields(token)}<input type="hidden" name="nomor" value="${found.number}"><input type="hidden" name="kode" value="${found.code}">
${field({ name: 'kelengkapan', label: 'Kelengkapan yang Anda sampaikan', required: true, maxLength: 5000, kind: 'textarea', rows: 5 })}
<button type="submit">Kirim kelengkapan</button></form>`
    : ''
}
${c.supplements.length ? html`<h2>Kelengkapan yang sudah Anda sampaikan</h2>${c.supplements.map((s) => html`<p class="hint">${formatWita(s.at)}</p><div class="words">${s.text}</div>`)}` : ''}
${c.response ? html`<h2>Tanggapan</h2><p class="hint">${formatWita(c.response.at)}</p><div class="words" id="tanggapan">${c.response.text}</div><p>Surat tanggapan resmi dapat diminta di loket.</p>` : ''}
${c.closed ? html`<p>Pengaduan ini telah selesai (${formatWita(c.closed.at)}).</p>` : ''}`;
    return r.send(reply, status, page({ title: `Status pengaduan ${found.number}`, office: o.header, links: links(o.office, 'status'), body }));
  }

  app.get('/:slug/status', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'view', o.header))) return reply;
    return lookupForm(reply, o, 200, {}, []);
  });

  /** A number and code posted to look up: checked, limited, then the one complaint they open. */
  async function readLookup(req: FastifyRequest, reply: FastifyReply, o: { office: PublicOffice; header: PageOffice }, allowed: readonly string[]) {
    if (!(await r.allow(req, reply, 'lookup', o.header))) return null;
    const body = req.body as Record<string, unknown> | undefined;
    const fields = body && typeof body === 'object' ? body : {};
    if (Object.keys(fields).some((k) => !allowed.includes(k) && k !== 'token_formulir' && k !== 'situs_web') || Object.values(fields).some((v) => typeof v !== 'string')) {
      r.send(reply, 400, r.messagePage(o.header, 'Permintaan tidak valid', 'Formulir berisi isian yang tidak dikenal. Muat ulang halaman lalu isi kembali.'));
      return null;
    }
    const v = fields as Record<string, string>;
    const c = new Checker(v);
    c.text('nomor', 'Nomor pengaduan', 1, 64);
    c.text('kode', 'Kode rahasia', 1, 20);
    if (c.issues.length > 0) {
      lookupForm(reply, o, 400, v, c.issues);
      return null;
    }
    const found = await lookup(o.office.id, v.nomor!, v.kode!);
    if (!found) {
      lookupForm(reply, o, 404, v, [], 'Nomor pengaduan atau kode rahasia tidak cocok. Periksa kembali, atau tanyakan langsung di loket dengan menyebutkan nomor pengaduan.');
      return null;
    }
    return { found, v };
  }

  app.post('/:slug/status', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o) return reply;
    const got = await readLookup(req, reply, o, STATUS_FIELDS);
    if (!got) return reply;
    return statusPage(reply, o, got.found);
  });

  app.post('/:slug/kelengkapan', async (req, reply) => {
    const o = await r.office(req, reply);
    if (!o || !(await r.allow(req, reply, 'submit', o.header))) return reply;
    const posted = r.form(req, reply, `${o.office.id}|kelengkapan`, SUPPLEMENT_FIELDS, o.header);
    if (!posted) return reply;
    const v = posted.fields;
    const got = await readLookup(req, reply, o, SUPPLEMENT_FIELDS);
    if (!got) return reply;
    const { found } = got;
    if (found.state.stage !== 'waiting_completeness') {
      return r.send(reply, 409, r.messagePage(o.header, 'Tidak sedang menunggu kelengkapan', 'Pengaduan ini tidak sedang menunggu kelengkapan dari Anda. Lihat statusnya kembali.', links(o.office, 'status')));
    }
    const c = new Checker(v);
    const text = c.text('kelengkapan', 'Kelengkapan', 3, 5000);
    if (c.issues.length > 0) return statusPage(reply, o, found, c.issues[0]!.message, 400);
    if (posted.timing) return statusPage(reply, o, found, posted.timing, 400);
    const t = now();
    await r.write(o.office.id, t, (w) => w.append({ type: 'complaint.supplement_received', aggregateId: found.state.id, payload: { at: t, channel: 'web', text: text! } }));
    const state = await complaintState(db, o.office.id, found.state.id);
    return statusPage(reply, o, { ...found, state: state ?? found.state }, 'Kelengkapan Anda telah diterima; jangka waktu tanggapan berjalan kembali.');
  });
}
