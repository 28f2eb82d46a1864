/**
 * The survey kiosk: the second window facing the visitor (Electron: full screen; browser shell: a second
 * tab on the kiosk route). It holds no staff session, only the kiosk token (docs/adr/0010), and shows only
 * the survey: a start screen, the visit's survey when staff start it (or when the visitor types or scans
 * the code on the receipt), the respondent profile and U1–U9 with their official answer labels, a review,
 * and thanks. Large touch targets; keys 1–4 answer, Enter goes on, Backspace goes back. After sending, or
 * 60 s without a touch, it goes back to the start. It learns of a new survey by a long-poll, not a timer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskView, ResponseInput } from '../../../contract/survey';
import {
  AGE_GROUP_LABEL,
  AGE_GROUPS,
  EDUCATION_LABEL,
  EDUCATIONS,
  ELEMENTS,
  OCCUPATION_LABEL,
  OCCUPATIONS,
  SEX_LABEL,
  SEXES,
  type AnswerValue,
  type ElementCode,
} from '../../../domain/survey/questionnaire';
import { call, LAUNCH_HASH } from '../api';
import './survey.css';

const KIOSK_KEY = 'lpse-kiosk-token';
/** Back to the start after this long without a touch or a key (issue 13). */
export const KIOSK_IDLE_MS = 60_000;
const THANKS_MS = 8_000;

/** The kiosk token the window was opened with (kept for a reload of the same window). */
export function kioskTokenAtLaunch(): string | null {
  if (typeof window === 'undefined') return null;
  const m = /[#&]kiosk=([A-Za-z0-9_-]+)/.exec(LAUNCH_HASH);
  if (m) {
    sessionStorage.setItem(KIOSK_KEY, m[1]!);
    return m[1]!;
  }
  return sessionStorage.getItem(KIOSK_KEY);
}

type Step =
  | { kind: 'standby' }
  | { kind: 'code' }
  | { kind: 'intro' }
  | { kind: 'profile' }
  | { kind: 'question'; index: number }
  | { kind: 'review' }
  | { kind: 'thanks'; message: string };

type Profile = Pick<ResponseInput, 'sex' | 'ageGroup' | 'education' | 'occupation'>;
const EMPTY_PROFILE: Profile = { sex: null, ageGroup: null, education: null, occupation: null };
const noAnswers = () => Object.fromEntries(ELEMENTS.map((e) => [e.code, null])) as Record<ElementCode, AnswerValue | null>;

export function KioskApp({ kioskToken }: { kioskToken: string }) {
  const [view, setView] = useState<KioskView | null>(null);
  const [closed, setClosed] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'standby' });
  const [profile, setProfile] = useState<Profile>(EMPTY_PROFILE);
  const [answers, setAnswers] = useState(noAnswers);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [idleFor, setIdleFor] = useState(0);
  const lastTouch = useRef(Date.now());
  const assignmentRef = useRef<string | null>(null);

  // Long-poll: the backend answers when staff start or cancel a survey, or within 25 s.
  useEffect(() => {
    let alive = true;
    let version = 0;
    void (async () => {
      while (alive) {
        const r = await call('survey.kioskWait', { kioskToken, version });
        if (!alive) return;
        if (r.ok) {
          version = r.value.version;
          setView(r.value);
          if (r.value.state === 'closed') setClosed(true);
        } else if (r.error.code === 'unauthenticated') {
          setClosed(true);
          return;
        } else {
          await new Promise((res) => setTimeout(res, 3000));
        }
      }
    })();
    return () => {
      alive = false;
    };
  }, [kioskToken]);

  const reset = useCallback(() => {
    setStep({ kind: 'standby' });
    setProfile(EMPTY_PROFILE);
    setAnswers(noAnswers());
    setError(null);
  }, []);

  // A new survey on the kiosk starts from its introduction; a cancelled one goes back to the start.
  useEffect(() => {
    const id = view?.survey?.assignmentId ?? null;
    if (id && id !== assignmentRef.current) {
      assignmentRef.current = id;
      setProfile(EMPTY_PROFILE);
      setAnswers(noAnswers());
      setError(null);
      setStep({ kind: 'intro' });
      lastTouch.current = Date.now();
    } else if (!id && assignmentRef.current) {
      assignmentRef.current = null;
      setStep((s) => (s.kind === 'thanks' ? s : { kind: 'standby' }));
    }
  }, [view]);

  const abandon = useCallback(async () => {
    const id = assignmentRef.current;
    reset();
    if (id) await call('survey.kioskReset', { kioskToken, assignmentId: id });
  }, [kioskToken, reset]);

  // Idle: back to the start after 60 s without a touch; a warning in the last 10 s.
  useEffect(() => {
    const touch = () => {
      lastTouch.current = Date.now();
      setIdleFor(0);
    };
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    const t = setInterval(() => setIdleFor(Date.now() - lastTouch.current), 1000);
    return () => {
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
      clearInterval(t);
    };
  }, []);
  useEffect(() => {
    if (idleFor < KIOSK_IDLE_MS) return;
    lastTouch.current = Date.now();
    setIdleFor(0);
    if (step.kind === 'thanks') reset();
    else if (step.kind !== 'standby') void abandon();
  }, [idleFor, step.kind, abandon, reset]);

  useEffect(() => {
    if (step.kind !== 'thanks') return;
    const t = setTimeout(reset, THANKS_MS);
    return () => clearTimeout(t);
  }, [step, reset]);

  const sendingRef = useRef(false);
  async function submit() {
    const id = assignmentRef.current;
    if (!id || sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    const r = await call('survey.kioskSubmit', { kioskToken, assignmentId: id, response: { ...profile, answers } });
    sendingRef.current = false;
    setSending(false);
    if (r.ok) {
      assignmentRef.current = null;
      setStep({ kind: 'thanks', message: r.value.message });
    } else {
      setError(r.error.message);
      assignmentRef.current = null;
      setStep({ kind: 'standby' });
    }
  }

  const answeredCount = Object.values(answers).filter((v) => v !== null).length;

  // Keys: 1–4 answer (and go on), Enter goes on, Backspace goes back.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement) return;
      // Enter or Space on a focused button is that button's own click.
      if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
      if (step.kind === 'question') {
        const el = ELEMENTS[step.index]!;
        if (/^[1-4]$/.test(e.key)) {
          e.preventDefault();
          choose(el.code, Number(e.key) as AnswerValue);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          next();
        } else if (e.key === 'Backspace' || e.key === 'ArrowLeft') {
          e.preventDefault();
          back();
        }
      } else if (step.kind === 'review' && e.key === 'Enter') {
        e.preventDefault();
        void submit();
      } else if (step.kind === 'review' && e.key === 'Backspace') {
        e.preventDefault();
        setStep({ kind: 'question', index: ELEMENTS.length - 1 });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function next() {
    if (step.kind !== 'question') return;
    setStep(step.index + 1 < ELEMENTS.length ? { kind: 'question', index: step.index + 1 } : { kind: 'review' });
  }
  function back() {
    if (step.kind !== 'question') return;
    setStep(step.index === 0 ? { kind: 'profile' } : { kind: 'question', index: step.index - 1 });
  }
  function choose(code: ElementCode, v: AnswerValue) {
    setAnswers((a) => ({ ...a, [code]: v }));
    // The answer stays visible a moment before the next question.
    setTimeout(() => setStep((s) => (s.kind === 'question' && ELEMENTS[s.index]!.code === code ? (s.index + 1 < ELEMENTS.length ? { kind: 'question', index: s.index + 1 } : { kind: 'review' }) : s)), 250);
  }

  return (
    <div className="kiosk" data-testid="kiosk" data-step={step.kind} onContextMenu={(e) => e.preventDefault()}>
      <header className="kiosk-head">
        <div className="kiosk-office">{view?.officeName ?? 'LPSE Kota Banjarmasin'}</div>
        <div className="kiosk-title">Survei Kepuasan Masyarakat</div>
      </header>
      <main className="kiosk-body">
        {closed ? (
          <section className="kiosk-center" data-testid="kiosk-closed">
            <h1>Kios survei ditutup.</h1>
            <p>Terima kasih.</p>
          </section>
        ) : (
          <>
            {error && (
              <div className="kiosk-error" role="alert" data-testid="kiosk-error">
                {error}
              </div>
            )}
            {step.kind === 'standby' && <Standby onCode={() => setStep({ kind: 'code' })} />}
            {step.kind === 'code' && (
              <CodeEntry
                kioskToken={kioskToken}
                onCancel={() => setStep({ kind: 'standby' })}
                onError={(m) => setError(m)}
                onClearError={() => setError(null)}
              />
            )}
            {step.kind === 'intro' && view?.survey && (
              <section className="kiosk-center" data-testid="kiosk-intro">
                <p className="kiosk-lead">Layanan yang Anda terima:</p>
                <h1 data-testid="kiosk-service">{view.survey.serviceName}</h1>
                <p className="kiosk-lead">
                  Mohon nilai pelayanan kami: 9 pertanyaan singkat, sekitar satu menit. Survei ini tanpa nama; jawaban Anda tidak dapat dikaitkan dengan Anda atau
                  kunjungan Anda.
                </p>
                <div className="kiosk-actions">
                  <button type="button" className="kiosk-btn primary" autoFocus onClick={() => setStep({ kind: 'profile' })} data-testid="kiosk-begin">
                    Mulai
                  </button>
                  <button type="button" className="kiosk-btn" onClick={() => void abandon()}>
                    Tidak, terima kasih
                  </button>
                </div>
              </section>
            )}
            {step.kind === 'profile' && <ProfileStep profile={profile} setProfile={setProfile} onNext={() => setStep({ kind: 'question', index: 0 })} onCancel={() => void abandon()} />}
            {step.kind === 'question' && (
              <Question
                index={step.index}
                value={answers[ELEMENTS[step.index]!.code]}
                onChoose={(v) => choose(ELEMENTS[step.index]!.code, v)}
                onBack={back}
                onSkip={() => {
                  setAnswers((a) => ({ ...a, [ELEMENTS[step.index]!.code]: null }));
                  next();
                }}
              />
            )}
            {step.kind === 'review' && (
              <section className="kiosk-review" data-testid="kiosk-review">
                <h1>Periksa jawaban Anda</h1>
                <ol className="kiosk-summary">
                  {ELEMENTS.map((e, i) => {
                    const v = answers[e.code];
                    return (
                      <li key={e.code}>
                        <button type="button" className="kiosk-summary-row" onClick={() => setStep({ kind: 'question', index: i })}>
                          <span>{e.name}</span>
                          <strong>{v === null ? 'tidak dijawab' : e.labels[v - 1]}</strong>
                        </button>
                      </li>
                    );
                  })}
                </ol>
                <div className="kiosk-actions">
                  <button type="button" className="kiosk-btn" onClick={() => setStep({ kind: 'question', index: ELEMENTS.length - 1 })}>
                    ← Kembali
                  </button>
                  <button type="button" className="kiosk-btn primary" disabled={sending || answeredCount === 0} onClick={() => void submit()} data-testid="kiosk-send">
                    {sending ? 'Mengirim…' : 'Kirim penilaian'}
                  </button>
                </div>
                {answeredCount === 0 && <p className="kiosk-lead">Jawab paling sedikit satu pertanyaan.</p>}
              </section>
            )}
            {step.kind === 'thanks' && (
              <section className="kiosk-center" data-testid="kiosk-thanks">
                <h1>Terima kasih!</h1>
                <p className="kiosk-lead">{step.message}</p>
              </section>
            )}
            {idleFor >= KIOSK_IDLE_MS - 10_000 && step.kind !== 'standby' && (
              <div className="kiosk-idle" role="status">
                Layar kembali ke awal dalam {Math.max(0, Math.ceil((KIOSK_IDLE_MS - idleFor) / 1000))} detik. Sentuh layar untuk melanjutkan.
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}

function Standby({ onCode }: { onCode: () => void }) {
  return (
    <section className="kiosk-center" data-testid="kiosk-standby">
      <h1>Bagaimana pelayanan kami hari ini?</h1>
      <p className="kiosk-lead">Petugas akan membuka survei untuk Anda setelah Anda dilayani.</p>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-btn" onClick={onCode} data-testid="kiosk-have-code">
          Saya punya kode survei (tanda terima)
        </button>
      </div>
    </section>
  );
}

function CodeEntry(props: { kioskToken: string; onCancel: () => void; onError: (m: string) => void; onClearError: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  async function send() {
    if (!code.trim()) return;
    setBusy(true);
    const r = await call('survey.kioskRedeem', { kioskToken: props.kioskToken, code });
    setBusy(false);
    if (r.ok) props.onClearError();
    else props.onError(r.error.message);
  }
  return (
    <section className="kiosk-center" data-testid="kiosk-code">
      <h1>Kode survei</h1>
      <p className="kiosk-lead">Ketik kode survei pada tanda terima Anda, atau pindai kode QR-nya dengan pemindai.</p>
      <form
        className="kiosk-code-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <input
          className="kiosk-code-input"
          aria-label="Kode survei"
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXX-XXXX-XXXX-XXXX"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="kiosk-code-input"
        />
        <div className="kiosk-actions">
          <button type="button" className="kiosk-btn" onClick={props.onCancel}>
            Batal
          </button>
          <button type="submit" className="kiosk-btn primary" disabled={busy || !code.trim()}>
            {busy ? 'Memeriksa…' : 'Lanjut'}
          </button>
        </div>
      </form>
    </section>
  );
}

function OptionRow<T extends string>(props: { label: string; values: readonly T[]; labels: Record<T, string>; value: T | null; onChange: (v: T | null) => void; name: string }) {
  return (
    <fieldset className="kiosk-profile-row">
      <legend>{props.label}</legend>
      <div className="kiosk-options">
        {props.values.map((v) => (
          <button
            key={v}
            type="button"
            className={`kiosk-option ${props.value === v ? 'selected' : ''}`}
            aria-pressed={props.value === v}
            onClick={() => props.onChange(props.value === v ? null : v)}
            data-testid={`kiosk-${props.name}-${v}`}
          >
            {props.labels[v]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function ProfileStep(props: { profile: Profile; setProfile: (p: Profile) => void; onNext: () => void; onCancel: () => void }) {
  const p = props.profile;
  const set = (patch: Partial<Profile>) => props.setProfile({ ...p, ...patch });
  return (
    <section className="kiosk-profile" data-testid="kiosk-profile">
      <h1>Tentang Anda</h1>
      <p className="kiosk-lead">Untuk statistik saja; boleh dilewati. Tidak ada nama, NIK, atau nomor telepon yang ditanyakan.</p>
      <div className="kiosk-profile-grid">
        <div>
          <OptionRow name="sex" label="Jenis kelamin" values={SEXES} labels={SEX_LABEL} value={p.sex} onChange={(v) => set({ sex: v })} />
          <OptionRow name="age" label="Usia" values={AGE_GROUPS} labels={AGE_GROUP_LABEL} value={p.ageGroup} onChange={(v) => set({ ageGroup: v })} />
        </div>
        <div>
          <OptionRow name="education" label="Pendidikan terakhir" values={EDUCATIONS} labels={EDUCATION_LABEL} value={p.education} onChange={(v) => set({ education: v })} />
          <OptionRow name="occupation" label="Pekerjaan" values={OCCUPATIONS} labels={OCCUPATION_LABEL} value={p.occupation} onChange={(v) => set({ occupation: v })} />
        </div>
      </div>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-btn" onClick={props.onCancel}>
          Batal
        </button>
        <button type="button" className="kiosk-btn primary" onClick={props.onNext} data-testid="kiosk-profile-next">
          Lanjut ke pertanyaan →
        </button>
      </div>
    </section>
  );
}

function Question(props: { index: number; value: AnswerValue | null; onChoose: (v: AnswerValue) => void; onBack: () => void; onSkip: () => void }) {
  const e = ELEMENTS[props.index]!;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [props.index]);
  return (
    <section className="kiosk-question" data-testid="kiosk-question" data-element={e.code}>
      <div className="kiosk-progress" aria-label={`Pertanyaan ${props.index + 1} dari ${ELEMENTS.length}`}>
        Pertanyaan {props.index + 1} dari {ELEMENTS.length} · {e.name}
      </div>
      <h1 className="kiosk-q">{e.question}</h1>
      <div className="kiosk-answers" role="radiogroup" aria-label={e.name}>
        {e.labels.map((label, i) => {
          const v = (i + 1) as AnswerValue;
          return (
            <button
              key={v}
              ref={i === 0 ? first : undefined}
              type="button"
              role="radio"
              aria-checked={props.value === v}
              className={`kiosk-answer a${v} ${props.value === v ? 'selected' : ''}`}
              onClick={() => props.onChoose(v)}
              data-testid={`kiosk-answer-${v}`}
            >
              <span className="kiosk-answer-key">{v}</span>
              <span>{label}</span>
            </button>
          );
        })}
      </div>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-btn" onClick={props.onBack}>
          ← Kembali
        </button>
        <button type="button" className="kiosk-btn" onClick={props.onSkip} data-testid="kiosk-skip">
          Lewati pertanyaan ini
        </button>
      </div>
      <p className="kiosk-hint">Sentuh jawaban Anda, atau tekan angka 1–4 pada papan ketik.</p>
    </section>
  );
}
