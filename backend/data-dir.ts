import os from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'LPSE_COUNTER_DATA_DIR';

/** The OS's per-user application-data folder, as Electron's app.getPath('appData') would give it. */
export function defaultDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'LPSE Counter');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'LPSE Counter');
    default:
      return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'lpse-counter');
  }
}

/** `--data-dir DIR` (or `--data-dir=DIR`) wins over the environment variable, which wins over the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (a.startsWith('--data-dir=')) return path.resolve(a.slice('--data-dir='.length));
  }
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]);
  return defaultDataDir();
}
