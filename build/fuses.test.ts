/**
 * The fuse configuration is flipped by @electron/fuses itself, here on a stand-in binary that carries the
 * same sentinel and fuse wire as Electron's (the real binary cannot be downloaded on the build machines).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers';
import { packagedExecutable, setFuses } from './fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

describe('electron fuses', () => {
  it('turns RunAsNode, NODE_OPTIONS and --inspect off, cookie encryption and ASAR integrity on', async () => {
    const exe = path.join(tempDir('lpse-fuses-'), 'lpse-counter');
    // Electron 45 ships a 9-fuse V1 wire; the defaults are the permissive ones.
    const wire = Buffer.from([1, 9, ...Array.from({ length: 9 }, (_, i) => (i === 0 || i === 2 || i === 3 ? FuseState.ENABLE : FuseState.DISABLE))]);
    fs.writeFileSync(exe, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), wire, Buffer.alloc(4096, 0x90)]));
    await setFuses(exe, 'linux');
    const fuses = await getCurrentFuseWire(exe);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });

  it('finds the packaged executable of each platform', () => {
    expect(packagedExecutable('/out/win-unpacked', 'LPSE Counter', 'win32')).toBe(path.join('/out/win-unpacked', 'LPSE Counter.exe'));
    expect(packagedExecutable('/out/linux-unpacked', 'LPSE Counter', 'linux')).toBe(path.join('/out/linux-unpacked', 'lpse-counter'));
  });
});
