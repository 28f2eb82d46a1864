/**
 * Electron fuses set at packaging (issue 10): flipped in the packaged binary itself by @electron/fuses, so
 * no command-line flag or environment variable can turn them back on.
 *
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE` cannot turn the app into a plain Node interpreter;
 * - cookie encryption on;
 * - NODE_OPTIONS and `--inspect` off: no code or debugger injected at launch;
 * - embedded ASAR integrity on, and only the ASAR is loaded: a modified app.asar (or a loose app folder
 *   beside it) is refused at start.
 *
 * `electron-builder.yml` runs `build/after-pack.mjs` (built from this file by build/build.mjs) after packing.
 */
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

export const FUSES: FuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packaged executable of electron-builder's output folder for a platform. */
export function packagedExecutable(appOutDir: string, productFilename: string, platform: string): string {
  if (platform === 'darwin' || platform === 'mas') return path.join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, productFilename.toLowerCase().replace(/\s+/g, '-'));
}

export async function setFuses(executable: string, platform: string): Promise<void> {
  await flipFuses(executable, { ...FUSES, ...(platform === 'darwin' ? { resetAdHocDarwinSignature: true } : {}) });
}

/** electron-builder's afterPack hook. */
export default async function afterPack(context: { appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string } } }): Promise<void> {
  const exe = packagedExecutable(context.appOutDir, context.packager.appInfo.productFilename, context.electronPlatformName);
  await setFuses(exe, context.electronPlatformName);
}
