/**
 * The supervisor's security alerts (contract/security.ts): denied events (event_denials) and refused
 * received events (sync_quarantine), newest first, with the device and the actor named.
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import type { SecurityAlert } from '../../contract/security';
import { userNames } from '../../db/queries';
import type { AuthedCallContext } from '../context';
import { DESK_EVENT_LABEL } from '../views/desk-labels';

const REASON_TEXT: Record<string, string> = {
  unknown_actor: 'Pelaku tidak dikenal sebagai akun petugas pada saat itu.',
  inactive_actor: 'Akun pelaku sudah dinonaktifkan pada saat itu.',
  role_missing: 'Peran pelaku tidak berwenang mencatat data ini.',
  no_actor: 'Data dicatat tanpa akun petugas.',
  bootstrap_taken: 'Akun membuat dirinya sendiri padahal kantor sudah memiliki akun.',
  server_only: 'Data ini hanya boleh dibuat oleh server pusat.',
  named_actor: 'Tanggapan survei dari kios harus tanpa nama, tetapi data ini mencantumkan akun petugas.',
  unsigned: 'Data tidak ditandatangani.',
  bad_signature: 'Tanda tangan data tidak sah (data dipalsukan atau diubah).',
  unknown_key: 'Kunci tanda tangan tidak dikenal.',
  key_revoked: 'Kunci tanda tangan perangkat sudah dicabut.',
  apply_failed: 'Data tidak dapat diterapkan.',
  payload_too_deep: 'Isi data bertingkat terlalu dalam.',
  payload_too_large: 'Isi data terlalu besar.',
  payload_number_out_of_range: 'Isi data memuat angka di luar rentang.',
  payload_invalid_value: 'Isi data memuat nilai yang tidak sah.',
  payload_too_wide: 'Isi data memuat daftar yang terlalu panjang.',
};

const TYPE_LABEL: Record<string, string> = {
  'user.created': 'Membuat akun petugas',
  'user.roles_changed': 'Mengubah peran akun',
  'user.disabled': 'Menonaktifkan akun',
  'user.enabled': 'Mengaktifkan akun',
  'user.password_changed': 'Mengubah kata sandi akun',
  'settings.changed': 'Mengubah pengaturan kantor',
  'catalogue.published': 'Menerbitkan katalog layanan',
  'visit.handed_over': 'Menyerahkan berkas',
  'report.exported': 'Mengekspor laporan',
  'calendar.holiday_added': 'Menambah hari libur',
  'calendar.holiday_removed': 'Menghapus hari libur',
  'calendar.hours_changed': 'Mengubah jam layanan',
  'calendar.imported': 'Mengimpor kalender kerja',
  'outage.declared': 'Mencatat gangguan seluruh kantor',
  'outage.ended': 'Mengakhiri gangguan seluruh kantor',
  'outage.withdrawn': 'Membatalkan gangguan seluruh kantor',
  'survey.token_issued': 'Menerbitkan kode survei kepuasan',
  'survey.response_recorded': 'Mencatat tanggapan survei kepuasan',
  'survey.plan_set': 'Menetapkan rencana tindak lanjut survei',
};

export const securityHandlers = {
  async 'security.alerts'(ctx: AuthedCallContext, input: ParsedInputOf<'security.alerts'>): Promise<OutputOf<'security.alerts'>> {
    const { db } = ctx.app;
    const denied = await db.selectFrom('event_denials').selectAll().orderBy('hlc', 'desc').limit(input.limit).execute();
    const refused = await db.selectFrom('sync_quarantine').selectAll().orderBy('quarantined_at', 'desc').limit(input.limit).execute();
    const count = async (table: 'event_denials' | 'sync_quarantine') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const devices = new Map<string, string | null>((await db.selectFrom('device_keys').select(['device_id', 'name']).execute()).map((d) => [d.device_id, d.name]));
    devices.set(ctx.app.deviceId, 'Komputer ini');
    const names = await userNames(db, [...denied.map((d) => d.actor_id), ...refused.map((r) => r.actor_id)].filter((x): x is string => !!x));
    const label = (type: string) => TYPE_LABEL[type] ?? DESK_EVENT_LABEL[type] ?? type;
    const alerts: SecurityAlert[] = [
      ...denied.map((d) => ({
        kind: 'denied' as const,
        eventId: d.id,
        type: d.type,
        typeLabel: label(d.type),
        deviceId: d.device_id,
        deviceName: devices.get(d.device_id) ?? null,
        actorId: d.actor_id,
        actorName: d.actor_id ? (names.get(d.actor_id) ?? null) : null,
        at: d.recorded_at,
        reason: d.reason,
        reasonText: REASON_TEXT[d.reason] ?? d.reason,
      })),
      ...refused.map((r) => {
        const e = JSON.parse(r.event) as { recordedAt?: number };
        return {
          kind: 'refused' as const,
          eventId: r.id,
          type: r.type,
          typeLabel: label(r.type),
          deviceId: r.device_id,
          deviceName: devices.get(r.device_id) ?? null,
          actorId: r.actor_id,
          actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
          at: typeof e.recordedAt === 'number' ? e.recordedAt : r.quarantined_at,
          reason: r.reason,
          reasonText: REASON_TEXT[r.reason] ?? r.reason,
        };
      }),
    ]
      .sort((a, b) => b.at - a.at)
      .slice(0, input.limit);
    return { deniedCount: await count('event_denials'), refusedCount: await count('sync_quarantine'), alerts };
  },
};
