/** Fixtures of the service-standard tests (issue 14). */
import { blankService } from '../../domain/catalogue/draft';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';

/** The service the journey adds: reset of a vendor's SPSE password, handled by the system admin. */
export function resetPasswordService(c: Catalogue): ServiceDefinition {
  return {
    ...blankService(c),
    code: 'reset_password_user_id',
    name: 'Reset Password User ID',
    shortName: 'Reset Password',
    handlerRole: 'sysadmin',
    timeLimit: { amount: 30, unit: 'minutes', text: '30 menit', notes: [], externalWaitExcluded: false },
    product: 'Password User ID SPSE direset.',
    procedure: ['Penyedia mengajukan permohonan di helpdesk.', 'Admin sistem mereset password User ID.'],
    requirements: [
      { code: 'surat_permohonan', label: 'Surat Permohonan', description: 'Surat permohonan ditandatangani pimpinan perusahaan.', original: 'submit', copyRequired: false, mustBeValid: false, needsMeterai: false, proxyOnly: false, signedByLeader: true },
    ],
  };
}

