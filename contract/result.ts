/**
 * What crosses the boundary between renderer and backend: a result, never a thrown error (STYLE §2).
 */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid_state',
  'conflict',
  'setup_required',
  'already_set_up',
  'bad_credentials',
  'throttled',
  'locked',
  'unknown_method',
  'database_too_new',
  'storage_full',
  'read_only',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. "visitor.nik". */
  path: string;
  /** Indonesian message, shown beside the field. */
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  /** Indonesian message fit to show the user. */
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside handlers; the dispatcher turns it into an error result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

/** Default Indonesian message per code, used when a handler gives none. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_input: 'Data yang dimasukkan tidak valid. Periksa kembali isian yang ditandai.',
  unauthenticated: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  forbidden: 'Anda tidak memiliki kewenangan untuk tindakan ini.',
  not_found: 'Data tidak ditemukan.',
  invalid_state: 'Tindakan ini tidak dapat dilakukan pada status berkas saat ini.',
  conflict: 'Data telah diubah oleh petugas lain. Muat ulang dan coba lagi.',
  setup_required: 'Aplikasi belum disiapkan. Buat akun supervisor terlebih dahulu.',
  already_set_up: 'Aplikasi sudah disiapkan sebelumnya.',
  bad_credentials: 'Nama pengguna atau kata sandi salah.',
  throttled: 'Terlalu banyak percobaan masuk yang gagal. Silakan tunggu sebentar.',
  locked: 'Layar terkunci. Masukkan kata sandi Anda untuk melanjutkan.',
  unknown_method: 'Perintah tidak dikenal.',
  database_too_new: 'Basis data dibuat oleh versi aplikasi yang lebih baru. Perbarui aplikasi ini.',
  storage_full:
    'Penyimpanan penuh: tindakan ini tidak dicatat dan tidak ada data yang berubah. Kosongkan ruang disk, lalu ulangi; pekerjaan dapat dilanjutkan begitu ruang tersedia.',
  read_only: 'Aplikasi sedang berjalan dalam mode hanya-baca: perubahan tidak dapat dicatat.',
  internal: 'Terjadi kesalahan pada sistem. Silakan coba lagi atau hubungi admin sistem.',
};
