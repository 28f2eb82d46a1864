/**
 * The survey block of a handover receipt: the visit's code (issued now when it has none) as a QR code and as
 * text. When the workstation is enrolled with the central server the QR opens the server's public survey
 * page `/kantor/<office>/survei` with the code in the URL fragment; otherwise it carries `LPSE-SKM:<code>`
 * for the kiosk at the counter. A reprint on the PC that issued the code shows the same code; elsewhere,
 * or once the survey was answered, the receipt says so instead.
 */
import { formatToken, kioskQrText, surveyUrl } from '../../domain/survey/token';
import type { ReceiptSurvey } from '../../print/types';
import type { AppContext } from '../context';
import { log } from '../log';
import { readSyncState, syncDb } from '../sync/state';
import { ensureVisitCode, visitCodeState } from './codes';

/**
 * `issue: false` only reads the visit's code state and issues nothing (a visit without a code yet gets no
 * survey block): the PDF engine's warm-up lays out a real receipt without recording anything.
 */
export async function receiptSurvey(app: AppContext, visitId: string, actorId: string | null, opts: { issue?: boolean } = {}): Promise<ReceiptSurvey | null> {
  let state;
  try {
    state = opts.issue === false ? await visitCodeState(app, visitId) : await ensureVisitCode(app, visitId, actorId);
  } catch (err) {
    // A receipt must print even when the code cannot be issued (e.g. a read-only database).
    log.warn('survey_code_unavailable', { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
  switch (state.kind) {
    case 'here': {
      const sync = await readSyncState(syncDb(app.db));
      const viaServer = !!(sync.serverUrl && sync.officeId);
      return {
        kind: 'code',
        qrText: viaServer ? surveyUrl(sync.serverUrl!, sync.officeId!, state.token) : kioskQrText(state.token),
        code: formatToken(state.token),
        validUntil: state.validUntil,
        viaServer,
      };
    }
    case 'elsewhere':
      return { kind: 'note', text: 'Kode Survei Kepuasan Masyarakat kunjungan ini tercetak pada tanda terima asli.' };
    case 'spent':
      return { kind: 'note', text: 'Survei Kepuasan Masyarakat kunjungan ini sudah diisi. Terima kasih.' };
    default:
      return null;
  }
}
