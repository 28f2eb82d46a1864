/** Sample documents for the print tests: realistic data, including names that need escaping. */
import { OFFICE_SETTING_DEFAULTS } from '../../domain/events/print-report';
import type { OfficeHeader, ReceiptData, RejectionData, ReturnSlipData } from '../../print/types';
import { receiptQrText, receiptVerificationCode } from '../../print/verification';

/** 2026-11-26 09:14 WITA */
export const AT = Date.UTC(2026, 10, 26, 1, 14, 0);

export const OFFICE: OfficeHeader = {
  officeName: OFFICE_SETTING_DEFAULTS.office_name,
  officeAddress: OFFICE_SETTING_DEFAULTS.office_address,
  officeContact: OFFICE_SETTING_DEFAULTS.office_contact,
  logoDataUrl: OFFICE_SETTING_DEFAULTS.office_logo,
  dpoName: 'Drs. H. Muhammad Yusuf, M.Si.',
  dpoContact: 'ppdp@banjarmasinkota.go.id',
};

const VISIT_ID = '019ac0a2-3b4c-7d5e-8f60-123456789abc';
const RECEIPT_NO = 'TT-20261126-4F2A9C-007';
const CODE = receiptVerificationCode(VISIT_ID, RECEIPT_NO);

export const RECEIPT: ReceiptData = {
  kind: 'receipt',
  office: OFFICE,
  receiptNo: RECEIPT_NO,
  receivedAt: AT,
  party: { visitorName: 'Rahmat Hidayat', visitorRole: 'proxy', companyName: 'CV Sumber Rejeki "Banua" & Sons', npwp: '01.312.166.0-091.000' },
  service: { number: 1, name: 'Aktivasi User ID Penyedia Barang/Jasa', timeLimitText: '30 menit', fee: 'Gratis' },
  handedTo: 'verifier',
  documents: [
    { label: 'Formulir Pendaftaran', original: 'submitted', copy: 'not_required', validUntil: null, meterai: false, discretion: false },
    { label: 'Formulir Keikutsertaan', original: 'submitted', copy: 'not_required', validUntil: null, meterai: false, discretion: false },
    { label: 'KTP Direktur', original: 'seen', copy: 'kept', validUntil: null, meterai: false, discretion: false },
    { label: 'NPWP Perusahaan', original: 'seen', copy: 'kept', validUntil: null, meterai: false, discretion: false },
    { label: 'SIUP/SIUJK/Izin Usaha', original: 'seen', copy: 'kept', validUntil: '2027-12-31', meterai: false, discretion: false },
    { label: 'Akta Pendirian Perusahaan', original: 'seen', copy: 'kept', validUntil: null, meterai: false, discretion: false },
    { label: 'Surat Kuasa <bermeterai>', original: 'submitted', copy: 'not_required', validUntil: null, meterai: true, discretion: false },
  ],
  promisedAt: AT + 30 * 60_000,
  discretionReason: null,
  qrText: receiptQrText(RECEIPT_NO, CODE),
  verificationCode: CODE,
  officerName: 'Siti Rahmah',
  meta: { printedAt: AT + 60_000, copyNo: 1 },
};

export const RETURN_SLIP: ReturnSlipData = {
  kind: 'return_slip',
  office: OFFICE,
  returnNo: 1,
  returnedAt: AT,
  arrivedAt: AT - 20 * 60_000,
  party: RECEIPT.party,
  service: RECEIPT.service,
  items: [
    { label: 'Surat Kuasa', reason: 'Tidak dibawa', bring: 'Bawa Surat Kuasa — asli (diserahkan), ditandatangani pimpinan perusahaan, bermeterai Rp10.000.' },
    { label: 'SIUP/SIUJK/Izin Usaha', reason: 'Dokumen sudah tidak berlaku', bring: 'Bawa SIUP/SIUJK/Izin Usaha yang masih berlaku (asli dan fotokopi).' },
  ],
  note: 'Surat kuasa harus dari direktur yang tercantum di akta perubahan terakhir.',
  officerName: 'Siti Rahmah',
  counterHours: 'Senin–Kamis 07.30–16.00 WITA; Jumat 07.30–16.30 WITA',
  meta: { printedAt: AT + 60_000, copyNo: 2 },
};

export const REJECTION: RejectionData = {
  kind: 'rejection',
  office: OFFICE,
  letterNo: 'TP-20261126-4F2A9C-007',
  receiptNo: RECEIPT_NO,
  receivedAt: AT,
  rejectedAt: AT + 25 * 60_000,
  party: RECEIPT.party,
  service: RECEIPT.service,
  reason: 'Nama direktur pada KTP tidak sama dengan nama direktur pada akta perubahan terakhir.\nSilakan lampirkan akta perubahan yang memuat susunan pengurus terbaru.',
  officerName: 'Ahmad Fauzi',
  officerRole: 'verifier',
  meta: { printedAt: AT + 26 * 60_000, copyNo: 1 },
};
