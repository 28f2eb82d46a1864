/**
 * Maklumat Pelayanan (Perwali Banjarmasin 67/2018 Pasal 7, issue 14, ADR 0023): every officer reads the
 * maklumat in force and downloads its poster (A4 for the counter, A3 for the wall); both heads edit the
 * draft; only the Kepala Bagian signs it, with its effective date; every version stays in the history.
 * Read through `useLive`, so a draft or an approval made at another workstation shows here after sync.
 */
import { useEffect, useState } from 'react';
import type { MaklumatVersionView, MaklumatView } from '../../../contract/maklumat';
import { call } from '../api';
import { useLive } from '../live';
import { downloadBase64 } from '../print/download';
import { hasRole, useApp } from '../store';
import { asyncHandler } from '../ui/async-handler';
import { IdDateField } from '../ui/DateField';
import { Field } from '../ui/Field';
import { fmtDateTime, fmtIsoDate, witaToday } from '../ui/format';

const STATE_LABEL: Record<MaklumatVersionView['state'], string> = { draft: 'Draf (menunggu tanda tangan)', in_force: 'Berlaku', scheduled: 'Terjadwal', superseded: 'Digantikan' };

type Text = MaklumatView['proposal'];

function MaklumatText(props: { v: Text; testId: string }) {
  return (
    <div data-testid={props.testId}>
      <h3 className="maklumat-title">{props.v.title}</h3>
      <p>{props.v.opening}</p>
      <ol>
        {props.v.points.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ol>
      {props.v.closing && <p className="muted">{props.v.closing}</p>}
    </div>
  );
}

function PosterButtons(props: { version: number | null; label: string }) {
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const get = (paper: 'a4' | 'a3') =>
    asyncHandler(async () => {
      setBusy(true);
      const r = await call('maklumat.pdf', { version: props.version, paper });
      setBusy(false);
      if (!r.ok) return toast('error', r.error.message);
      downloadBase64(r.value.base64, r.value.fileName, 'application/pdf');
      toast('success', `Poster ${props.label} ukuran ${paper.toUpperCase()} diunduh.`);
    });
  return (
    <div className="form-actions">
      <button type="button" className="secondary" disabled={busy} onClick={get('a4')} data-testid={`poster-a4-${props.version ?? 'current'}`}>
        Unduh poster A4
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={get('a3')} data-testid={`poster-a3-${props.version ?? 'current'}`}>
        Unduh poster A3
      </button>
    </div>
  );
}

function Editor(props: { view: MaklumatView; onSaved: (v: MaklumatView) => void }) {
  const toast = useApp((s) => s.toast);
  const [text, setText] = useState<Text>(props.view.proposal);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Text>) => setText((t) => ({ ...t, ...patch }));
  const nextVersion = props.view.draft ?? (props.view.versions[0]?.version ?? 0) + 1;
  return (
    <form
      className="card"
      data-testid="maklumat-editor"
      onSubmit={asyncHandler(async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await call('maklumat.saveDraft', text);
        setBusy(false);
        // A point's issue names the point ("Butir 4: wajib diisi.").
        if (!r.ok) return setErrors(r.error.issues?.map((i) => (/^points\.(\d+)$/.test(i.path) ? `Butir ${Number(i.path.slice(7)) + 1}: ${i.message}` : i.message)) ?? [r.error.message]);
        setErrors([]);
        props.onSaved(r.value);
        toast('success', `Draf maklumat versi ${r.value.draft ?? nextVersion} disimpan. Kepala Bagian dapat menandatanganinya.`);
      })}
    >
      <h2>{props.view.draft ? `Ubah draf versi ${props.view.draft}` : `Susun versi ${nextVersion}`}</h2>
      <p className="muted">Memuat sekurang-kurangnya: janji melaksanakan pelayanan sesuai Standar Pelayanan; pelayanan sesuai kewajiban dan perbaikan terus-menerus; kesediaan menerima sanksi dan/atau memberi kompensasi bila pelayanan tidak sesuai standar (Pasal 7 ayat 3).</p>
      <Field label="Judul" required>
        {(id, d) => <input id={id} aria-describedby={d} value={text.title} onChange={(e) => set({ title: e.target.value })} data-testid="maklumat-title" />}
      </Field>
      <Field label="Kalimat pembuka" required>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={text.opening} onChange={(e) => set({ opening: e.target.value })} data-testid="maklumat-opening" />}
      </Field>
      {text.points.map((p, i) => (
        <div key={i} className="maklumat-point">
          <Field label={`Butir ${i + 1}`} required>
            {(id, d) => (
              <textarea id={id} aria-describedby={d} rows={2} value={p} onChange={(e) => set({ points: text.points.map((x, j) => (j === i ? e.target.value : x)) })} data-testid={`maklumat-point-${i}`} />
            )}
          </Field>
          {text.points.length > 3 && (
            <button type="button" className="secondary" onClick={() => set({ points: text.points.filter((_, j) => j !== i) })} data-testid={`maklumat-remove-${i}`}>
              Hapus butir {i + 1}
            </button>
          )}
        </div>
      ))}
      {text.points.length < 10 && (
        <button type="button" className="secondary" onClick={() => set({ points: [...text.points, ''] })} data-testid="maklumat-add-point">
          Tambah butir
        </button>
      )}
      <Field label="Kalimat penutup">
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={text.closing} onChange={(e) => set({ closing: e.target.value })} data-testid="maklumat-closing" />}
      </Field>
      {errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="maklumat-errors">
          <strong>Draf belum dapat disimpan:</strong>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="maklumat-save">
          Simpan draf
        </button>
      </div>
    </form>
  );
}

function Approve(props: { view: MaklumatView; version: number; onSaved: (v: MaklumatView) => void }) {
  const toast = useApp((s) => s.toast);
  const session = useApp((s) => s.session);
  const today = useApp((s) => s.status?.today) ?? witaToday();
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(today);
  const [signerName, setSignerName] = useState(props.view.signer.name ?? session?.user.displayName ?? '');
  const [signerNip, setSignerNip] = useState(props.view.signer.nip ?? '');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card"
      data-testid="maklumat-approve"
      onSubmit={asyncHandler(async (e) => {
        e.preventDefault();
        if (!effectiveFrom) return setErrors(['Tanggal berlaku wajib diisi.']);
        setBusy(true);
        const r = await call('maklumat.approve', { version: props.version, effectiveFrom, signerName, signerNip });
        setBusy(false);
        if (!r.ok) return setErrors(r.error.issues?.map((i) => i.message) ?? [r.error.message]);
        setErrors([]);
        props.onSaved(r.value);
        toast('success', `Maklumat pelayanan versi ${props.version} ditandatangani, berlaku mulai ${fmtIsoDate(effectiveFrom)}.`);
      })}
    >
      <h2>Tandatangani draf versi {props.version} (Kepala Bagian)</h2>
      <div className="field">
        <label>Tanggal berlaku</label>
        <IdDateField label="Tanggal berlaku" value={effectiveFrom} onCommit={setEffectiveFrom} testId="maklumat-effective" />
      </div>
      <Field label={`Nama penanda tangan (${props.view.signer.title})`} required>
        {(id, d) => <input id={id} aria-describedby={d} value={signerName} onChange={(e) => setSignerName(e.target.value)} data-testid="maklumat-signer" />}
      </Field>
      <Field label="NIP penanda tangan" hint="18 angka; boleh dikosongkan.">
        {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" value={signerNip} onChange={(e) => setSignerNip(e.target.value)} data-testid="maklumat-nip" />}
      </Field>
      {errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="maklumat-approve-errors">
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="maklumat-sign">
        Tandatangani dan tetapkan
      </button>
    </form>
  );
}

export function MaklumatScreen() {
  const session = useApp((s) => s.session);
  const live = useLive(() => call('maklumat.view', {}), [], { types: ['maklumat', 'settings'], clock: true });
  const [view, setView] = useState<MaklumatView | null>(null);
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => setView(live.data), [live.data]);
  const v = view ?? live.data;
  if (!v) return <div className="screen">{live.error ? <p className="banner banner-error">{live.error.message}</p> : <p className="muted">Memuat…</p>}</div>;
  const inForce = v.versions.find((x) => x.state === 'in_force') ?? null;
  const draft = v.draft ? (v.versions.find((x) => x.version === v.draft) ?? null) : null;
  const head = hasRole(session, 'supervisor');
  const kabag = hasRole(session, 'kepala_bagian');
  const saved = (nv: MaklumatView) => {
    setView(nv);
    setEditing(false);
  };
  return (
    <div className="screen" data-testid="maklumat-screen">
      <h1>Maklumat Pelayanan</h1>
      <section className="card" data-testid="maklumat-in-force">
        {inForce ? (
          <>
            <div className="card-head">
              <h2>Berlaku: versi {inForce.version}</h2>
              <span className="muted">sejak {fmtIsoDate(inForce.approval!.effectiveFrom)}</span>
            </div>
            <MaklumatText v={inForce} testId="maklumat-in-force-text" />
            <p>
              <strong>{v.signer.title}</strong>
              <br />
              {inForce.approval!.signerName}
              {inForce.approval!.signerNip ? ` · NIP. ${inForce.approval!.signerNip}` : ''}
            </p>
            <PosterButtons version={inForce.version} label="maklumat" />
          </>
        ) : (
          <p className="muted" data-testid="maklumat-none">
            Belum ada maklumat pelayanan yang ditandatangani Kepala Bagian dan berlaku. Perwali 67/2018 Pasal 7 mewajibkan maklumat ditetapkan sebelum Standar Pelayanan diterapkan.
          </p>
        )}
      </section>

      {draft && (
        <section className="card" data-testid="maklumat-draft">
          <div className="card-head">
            <h2>Draf versi {draft.version}</h2>
            <span className="muted">
              disimpan {fmtDateTime(draft.draftedAt)}
              {draft.draftedByName ? ` oleh ${draft.draftedByName}` : ''}
            </span>
          </div>
          <MaklumatText v={draft} testId="maklumat-draft-text" />
          <PosterButtons version={draft.version} label="draf" />
        </section>
      )}

      {head && !editing && (
        <div className="form-actions">
          <button type="button" className="primary" onClick={() => setEditing(true)} data-testid="maklumat-edit">
            {draft ? 'Ubah draf' : 'Susun versi baru'}
          </button>
        </div>
      )}
      {head && editing && <Editor key={v.draft ?? 'new'} view={v} onSaved={saved} />}
      {draft && kabag && !editing && <Approve key={draft.version} view={v} version={draft.version} onSaved={saved} />}
      {draft && head && !kabag && <p className="muted">Draf ditandatangani oleh Kepala Bagian.</p>}

      <section className="card" data-testid="maklumat-history">
        <h2>Riwayat versi</h2>
        {v.versions.length === 0 ? (
          <p className="muted">Belum ada versi.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Versi</th>
                <th>Keadaan</th>
                <th>Disusun</th>
                <th>Ditandatangani</th>
                <th>Berlaku sejak</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {v.versions.map((x) => (
                <tr key={x.version} data-testid={`maklumat-version-${x.version}`}>
                  <td>{x.version}</td>
                  <td>{STATE_LABEL[x.state]}</td>
                  <td>
                    {fmtDateTime(x.draftedAt)}
                    {x.draftedByName ? `, ${x.draftedByName}` : ''}
                  </td>
                  <td>{x.approval ? `${fmtDateTime(x.approval.at)}, ${x.approval.signerName}${x.approval.byName && x.approval.byName !== x.approval.signerName ? ` (dicatat ${x.approval.byName})` : ''}` : '–'}</td>
                  <td>{x.approval ? fmtIsoDate(x.approval.effectiveFrom) : '–'}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setShown(shown === x.version ? null : x.version)} aria-expanded={shown === x.version}>
                      {shown === x.version ? 'Tutup' : 'Lihat teks'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown !== null && v.versions.find((x) => x.version === shown) && <MaklumatText v={v.versions.find((x) => x.version === shown)!} testId="maklumat-shown-text" />}
      </section>
    </div>
  );
}
