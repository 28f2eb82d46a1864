/**
 * The supervisor's security alerts (ADR 0011): records kept in the log but applied nowhere because the
 * person named on them had no right to make them, and records from the server this PC refused (forged or
 * altered, from a revoked device, malformed). Each names the workstation and the account.
 */
import { call } from '../api';
import { useLive } from '../live';
import { fmtDateTime } from '../ui/format';

export function SecurityAlertsScreen() {
  // Denied and refused events come with sync cycles (each ends with a 'sync' notice) and account changes.
  const live = useLive(() => call('security.alerts', { limit: 200 }), [], { sync: true, types: ['user'] });
  const data = live.data;
  const error = live.error?.message ?? null;

  return (
    <div>
      <h1>Peringatan Keamanan</h1>
      <p className="muted">
        Data yang tercatat atas nama petugas yang tidak berwenang disimpan tetapi tidak diterapkan di komputer mana pun. Data dari server pusat yang
        tanda tangannya tidak sah atau berasal dari perangkat yang dicabut tidak diterima komputer ini.
      </p>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {data && (
        <section className="card">
          <div className="card-head">
            <h2>Daftar peringatan</h2>
            <span className="muted" data-testid="security-counts">
              {data.deniedCount} data tidak berwenang · {data.refusedCount} data ditolak
            </span>
          </div>
          {data.alerts.length === 0 ? (
            <p data-testid="security-empty">Tidak ada peringatan keamanan.</p>
          ) : (
            <table className="table static" data-testid="security-alerts">
              <thead>
                <tr>
                  <th>Waktu</th>
                  <th>Tindakan</th>
                  <th>Petugas</th>
                  <th>Perangkat</th>
                  <th>Alasan</th>
                </tr>
              </thead>
              <tbody>
                {data.alerts.map((a) => (
                  <tr key={`${a.kind}-${a.eventId}`}>
                    <td>{fmtDateTime(a.at)}</td>
                    <td>{a.typeLabel}</td>
                    <td>{a.actorName ?? a.actorId ?? '—'}</td>
                    <td>{a.deviceName ?? a.deviceId}</td>
                    <td>
                      {a.kind === 'denied' ? 'Tidak diterapkan: ' : 'Ditolak: '}
                      {a.reasonText}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
