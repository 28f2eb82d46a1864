#!/usr/bin/env node
/**
 * Makes the waiting room's announcement clips (ADR 0013): one small Ogg Opus file per word or phrase of
 * `CLIP_TEXT` in domain/queue/spoken.ts, spoken by espeak-ng's Indonesian voice, plus the chime, into
 * renderer/public/voice/. The clips are committed: the app, the build and CI use the files, never a speech
 * engine, so every machine plays exactly the same sound. Run this by hand after changing the wording:
 *
 *   apt-get install espeak-ng sox opus-tools && node build/voice-clips.mjs
 *
 * Deterministic for a given espeak-ng/sox/opusenc version (fixed Ogg serial number, no date tags).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'renderer/public/voice');

// The clip list comes from the domain module itself (one source of truth), bundled on the fly.
const bundled = await esbuild.build({ entryPoints: [path.join(root, 'domain/queue/spoken.ts')], bundle: true, write: false, format: 'esm', platform: 'node' });
const spoken = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-voice-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const VOICE = 'id';
const SPEED = '135';

function encode(wav, id) {
  const out = path.join(outDir, `${id}.ogg`);
  // 32 kbit/s mono speech; a fixed serial and no comment tags keep the file the same from run to run.
  run('opusenc', ['--quiet', '--bitrate', '32', '--serial', '1', '--comp', '10', '--discard-comments', wav, out]);
  return out;
}

fs.mkdirSync(outDir, { recursive: true });
const manifest = {};
for (const [id, text] of Object.entries(spoken.CLIP_TEXT)) {
  const raw = path.join(tmp, `${id}-raw.wav`);
  const trimmed = path.join(tmp, `${id}.wav`);
  run('espeak-ng', ['-v', VOICE, '-s', SPEED, '-w', raw, text]);
  // Silence trimmed at both ends, then 60 ms added after: clips follow each other like one sentence.
  run('sox', ['-D', raw, '-r', '48000', trimmed, 'silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse', 'pad', '0', '0.06', 'gain', '-n', '-1']);
  const file = encode(trimmed, id);
  manifest[id] = { text, bytes: fs.statSync(file).size, sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') };
}

// The chime: a two-tone gong (G5 then E5) with a soft decay, as in service halls.
const ding = path.join(tmp, 'ding.wav');
const dong = path.join(tmp, 'dong.wav');
const chime = path.join(tmp, 'chime.wav');
run('sox', ['-D', '-n', '-r', '48000', '-c', '1', '-b', '16', ding, 'synth', '0.55', 'sine', '784', 'sine', '1568', 'remix', '1-2', 'fade', 'q', '0.005', '0.55', '0.5', 'gain', '-n', '-3']);
run('sox', ['-D', '-n', '-r', '48000', '-c', '1', '-b', '16', dong, 'synth', '1.1', 'sine', '659', 'sine', '1318', 'remix', '1-2', 'fade', 'q', '0.005', '1.1', '1.0', 'gain', '-n', '-3']);
run('sox', ['-D', ding, dong, '-b', '16', chime, 'pad', '0', '0.25']);
const chimeFile = encode(chime, spoken.CHIME_CLIP);
manifest[spoken.CHIME_CLIP] = { text: '(bunyi pengingat)', bytes: fs.statSync(chimeFile).size, sha256: crypto.createHash('sha256').update(fs.readFileSync(chimeFile)).digest('hex') };

const versions = {
  'espeak-ng': run('espeak-ng', ['--version']).toString().trim(),
  opusenc: run('opusenc', ['--version']).toString().split('\n')[0].trim(),
};
fs.writeFileSync(path.join(outDir, 'clips.json'), `${JSON.stringify({ voice: `espeak-ng ${VOICE}, speed ${SPEED}`, versions, clips: manifest }, null, 2)}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`${Object.keys(manifest).length} clips in ${path.relative(root, outDir)}\n`);
