import { unitOf, unitPhrase } from '../../../domain/catalogue/units';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { InputOf, PersonSummary, VendorSummary } from '../../../contract/api';
import type { Catalogue } from '../../../domain/catalogue/types';
import { LEGAL_FORMS } from '../../../domain/events/schema';
import { call } from '../api';
import { useApp } from '../store';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { LookupBox, type LookupPick } from './LookupBox';
import { asyncHandler } from '../ui/async-handler';
import { afterLabel } from '../../../domain/sentence';
import { VendorHistory, vendorRecordInfo, type VendorRecordInfo } from './VendorHistory';

const EMPTY_PERSON = { id: null as string | null, name: '', nik: '', phone: '', email: '' };
const EMPTY_COMPANY = { id: null as string | null, name: '', legalForm: 'CV' as (typeof LEGAL_FORMS)[number], npwp: '', address: '', email: '', phone: '', leaderName: '' };

export function VisitorForm(props: { catalogue: Catalogue; onRegistered: (visitId: string) => void }) {
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const [person, setPerson] = useState(EMPTY_PERSON);
  const [company, setCompany] = useState(EMPTY_COMPANY);
  const [noCompany, setNoCompany] = useState(false);
  const [role, setRole] = useState<'leader' | 'proxy'>('leader');
  const [serviceCode, setServiceCode] = useState<string>('');
  const [purposeNote, setPurposeNote] = useState('');
  const [noticeShown, setNoticeShown] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [contacts, setContacts] = useState<PersonSummary[]>([]);
  const [returnedHint, setReturnedHint] = useState<{ vendorName: string; count: number } | null>(null);
  const [vendorRecord, setVendorRecord] = useState<VendorRecordInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const services = props.catalogue.services.filter((s) => s.active);

  function fillCompany(v: VendorSummary) {
    setNoCompany(false);
    setCompany({
      id: v.id,
      name: v.name,
      legalForm: v.legalForm,
      npwp: v.npwpFormatted ?? '',
      address: v.address ?? '',
      email: v.email ?? '',
      phone: v.phone ?? '',
      leaderName: v.leaderName ?? '',
    });
  }

  async function onPick(p: LookupPick) {
    setErrors({});
    if (p.kind === 'vendor') {
      fillCompany(p.vendor);
      setReturnedHint(p.vendor.openReturnedVisits > 0 ? { vendorName: p.vendor.name, count: p.vendor.openReturnedVisits } : null);
      const r = await call('vendors.get', { id: p.vendor.id });
      setContacts(r.ok ? r.value.contacts : []);
      setVendorRecord(r.ok ? vendorRecordInfo(r.value) : null);
    } else {
      const pp = p.person;
      setPerson({ id: pp.id, name: pp.name, nik: pp.nik ?? '', phone: pp.phone ?? '', email: pp.email ?? '' });
      if (pp.vendorId) {
        const r = await call('vendors.get', { id: pp.vendorId });
        if (r.ok) {
          fillCompany(r.value.vendor);
          setContacts(r.value.contacts);
          setVendorRecord(vendorRecordInfo(r.value));
        }
      }
    }
  }

  function reset() {
    setPerson(EMPTY_PERSON);
    setCompany(EMPTY_COMPANY);
    setNoCompany(false);
    setRole('leader');
    setServiceCode('');
    setPurposeNote('');
    setNoticeShown(false);
    setErrors({});
    setBanner(null);
    setContacts([]);
    setReturnedHint(null);
    setVendorRecord(null);
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    const local: FieldErrors = {};
    if (serviceCode === '') local.serviceCode = 'Pilih keperluan kunjungan.';
    if (!noticeShown) local.privacyNoticeShown = 'Sampaikan pemberitahuan pelindungan data pribadi kepada pemohon, lalu centang kotak ini.';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const input: InputOf<'visits.register'> = {
      person,
      company: noCompany ? null : company,
      visitorRole: role,
      serviceCode: serviceCode === 'lainnya' ? null : serviceCode,
      purposeNote,
      privacyNoticeShown: true,
    };
    setBusy(true);
    const r = await call('visits.register', input);
    setBusy(false);
    if (!r.ok) {
      setErrors(issuesToErrors(r.error.issues));
      setBanner(r.error.message);
      return;
    }
    for (const w of r.value.warnings) toast('info', w.message);
    toast('success', `${r.value.visit.visit.visitorName} tercatat di buku tamu.`);
    reset();
    props.onRegistered(r.value.visit.visit.id);
  }

  // Ctrl+Enter saves from anywhere in the form.
  useEffect(() => {
    const el = formRef.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void submit();
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  });

  const setP = (k: keyof typeof EMPTY_PERSON) => (e: React.ChangeEvent<HTMLInputElement>) => setPerson({ ...person, [k]: e.target.value });
  const setC = (k: keyof typeof EMPTY_COMPANY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setCompany({ ...company, [k]: e.target.value });
  const selected = services.find((s) => s.code === serviceCode);

  return (
    <form ref={formRef} className="card visitor-form" onSubmit={asyncHandler(submit)} noValidate aria-labelledby="visitor-form-title">
      <div className="card-head">
        <h2 id="visitor-form-title">Pengunjung Baru</h2>
        <button type="button" className="link" onClick={reset}>
          Kosongkan formulir
        </button>
      </div>
      <LookupBox onPick={asyncHandler(onPick)} />
      {returnedHint && (
        <div className="banner banner-warn">
          {returnedHint.vendorName} memiliki {returnedHint.count} berkas yang pernah dikembalikan.{' '}
          <button type="button" className="link" onClick={() => go('returned', { q: returnedHint.vendorName })}>
            Lanjutkan berkas tersebut
          </button>
        </div>
      )}
      {banner && <div className="banner banner-error">{banner}</div>}
      {vendorRecord && <VendorHistory info={vendorRecord} />}

      <fieldset>
        <legend>Pemohon</legend>
        {contacts.length > 0 && (
          <div className="contacts">
            <span className="muted">Pemohon sebelumnya:</span>
            {contacts.slice(0, 5).map((c) => (
              <button type="button" key={c.id} className="chip chip-button" onClick={() => setPerson({ id: c.id, name: c.name, nik: c.nik ?? '', phone: c.phone ?? '', email: c.email ?? '' })}>
                {c.name}
              </button>
            ))}
          </div>
        )}
        <div className="grid2">
          <Field label="Nama lengkap" error={errors['person.name']} required>
            {(id, d) => <input id={id} aria-describedby={d} name="person.name" value={person.name} onChange={setP('name')} autoComplete="off" />}
          </Field>
          <Field label="NIK" error={errors['person.nik']} hint="16 digit sesuai KTP." required={serviceCode !== 'lainnya'}>
            {(id, d) => <input id={id} aria-describedby={d} name="person.nik" value={person.nik} onChange={setP('nik')} inputMode="numeric" autoComplete="off" />}
          </Field>
          <Field label="Nomor HP" error={errors['person.phone']}>
            {(id, d) => <input id={id} aria-describedby={d} name="person.phone" value={person.phone} onChange={setP('phone')} inputMode="tel" autoComplete="off" />}
          </Field>
          <Field label="E-mail" error={errors['person.email']}>
            {(id, d) => <input id={id} aria-describedby={d} name="person.email" value={person.email} onChange={setP('email')} inputMode="email" autoComplete="off" />}
          </Field>
        </div>
        <div className="radio-row" role="radiogroup" aria-label="Kedudukan pemohon">
          <label>
            <input type="radio" name="role" checked={role === 'leader'} onChange={() => setRole('leader')} /> Pimpinan perusahaan
          </label>
          <label>
            <input type="radio" name="role" checked={role === 'proxy'} onChange={() => setRole('proxy')} /> Kuasa (membawa surat kuasa)
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>
          Perusahaan
          {company.id && <span className="chip chip-ok">terdaftar</span>}
        </legend>
        <label className="check-inline">
          <input type="checkbox" checked={noCompany} onChange={(e) => setNoCompany(e.target.checked)} /> Tidak mewakili perusahaan (hanya untuk keperluan lainnya)
        </label>
        {!noCompany && (
          <div className="grid2">
            <Field label="Nama perusahaan" error={errors['company.name']} required className="span2">
              {(id, d) => <input id={id} aria-describedby={d} name="company.name" value={company.name} onChange={setC('name')} autoComplete="off" />}
            </Field>
            <Field label="Bentuk usaha" error={errors['company.legalForm']} required>
              {(id, d) => (
                <select id={id} aria-describedby={d} name="company.legalForm" value={company.legalForm} onChange={setC('legalForm')}>
                  {LEGAL_FORMS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="NPWP" error={errors['company.npwp']} hint="15 atau 16 digit.">
              {(id, d) => <input id={id} aria-describedby={d} name="company.npwp" value={company.npwp} onChange={setC('npwp')} inputMode="numeric" autoComplete="off" />}
            </Field>
            <Field label="Nama pimpinan" error={errors['company.leaderName']}>
              {(id, d) => <input id={id} aria-describedby={d} name="company.leaderName" value={company.leaderName} onChange={setC('leaderName')} autoComplete="off" />}
            </Field>
            <Field label="Telepon kantor" error={errors['company.phone']}>
              {(id, d) => <input id={id} aria-describedby={d} name="company.phone" value={company.phone} onChange={setC('phone')} inputMode="tel" autoComplete="off" />}
            </Field>
            <Field label="Alamat" error={errors['company.address']} className="span2">
              {(id, d) => <input id={id} aria-describedby={d} name="company.address" value={company.address} onChange={setC('address')} autoComplete="off" />}
            </Field>
            <Field label="E-mail perusahaan" error={errors['company.email']} className="span2">
              {(id, d) => <input id={id} aria-describedby={d} name="company.email" value={company.email} onChange={setC('email')} inputMode="email" autoComplete="off" />}
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>Keperluan</legend>
        <Field label="Layanan" error={errors.serviceCode} required>
          {(id, d) => (
            <select id={id} aria-describedby={d} name="serviceCode" value={serviceCode} onChange={(e) => setServiceCode(e.target.value)}>
              <option value="">— Pilih layanan —</option>
              {services.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.number}. {s.name}
                </option>
              ))}
              <option value="lainnya">Lainnya (informasi, konsultasi, dll.)</option>
            </select>
          )}
        </Field>
        {selected && (
          <p className="muted small">
            Jangka waktu: {afterLabel('Jangka waktu', selected.timeLimit.text)} · Biaya: {selected.fee} · Ditangani oleh {unitPhrase(selected.handlerRole, unitOf(props.catalogue, selected.handlerRole).name)}
          </p>
        )}
        {(serviceCode === 'lainnya' || purposeNote) && (
          <Field label="Keterangan keperluan" error={errors.purposeNote} required={serviceCode === 'lainnya'}>
            {(id, d) => <textarea id={id} aria-describedby={d} name="purposeNote" rows={2} value={purposeNote} onChange={(e) => setPurposeNote(e.target.value)} />}
          </Field>
        )}
      </fieldset>

      <div className="privacy-notice" id="privacy-notice">
        <strong>Pemberitahuan pelindungan data pribadi.</strong> Nama, NIK, nomor telepon, dan data perusahaan pemohon dicatat oleh Bagian
        Layanan Pengadaan untuk melaksanakan pelayanan publik (UU No. 27 Tahun 2022 Pasal 20 ayat (2) huruf e), untuk memverifikasi berkas,
        menghubungi pemohon terkait permohonannya, dan menyusun laporan pelayanan. Data disimpan sesuai jadwal retensi arsip, hanya dapat
        diakses oleh petugas yang berwenang, dan tidak diberikan kepada pihak lain kecuali diwajibkan oleh peraturan perundang-undangan.
        <label className="check-inline">
          <input type="checkbox" name="privacyNoticeShown" checked={noticeShown} onChange={(e) => setNoticeShown(e.target.checked)} aria-describedby="privacy-notice" />{' '}
          Pemberitahuan ini telah disampaikan kepada pemohon
        </label>
        {errors.privacyNoticeShown && <div className="field-error">{errors.privacyNoticeShown}</div>}
      </div>

      <div className="form-actions">
        <span className="muted small">Ctrl+Enter untuk menyimpan</span>
        <button className="primary" type="submit" disabled={busy} data-testid="register-visit">
          {busy ? 'Menyimpan…' : serviceCode === 'lainnya' ? 'Simpan ke buku tamu' : 'Simpan & periksa berkas'}
        </button>
      </div>
    </form>
  );
}
