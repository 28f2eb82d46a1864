/**
 * An opt-in CPU profile of a bench's timed section, to find where an action spends its time:
 * `BENCH_CPUPROFILE=DIR npm run bench -- --only record` writes DIR/<name>.cpuprofile (open it in Chrome
 * DevTools, or summarise it with `node bench/profile-summary.mjs FILE`). Without the variable nothing is
 * started and the timed loops are unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

export interface CpuProfile {
  stop(): Promise<string>;
}

export async function startCpuProfile(name: string): Promise<CpuProfile | null> {
  const dir = process.env.BENCH_CPUPROFILE;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 100 µs sampling: an action takes under a millisecond, the default (1 ms) would see too few samples.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`bench: CPU profile written to ${file}\n`);
      return file;
    },
  };
}
