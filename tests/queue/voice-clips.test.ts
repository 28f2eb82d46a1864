import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CLIPS, announcementClips } from '../../domain/queue/spoken';

describe('the announcement clips (issue 16)', () => {
  it('every clip an announcement can name ships with the app (renderer/public/voice)', () => {
    const dir = path.resolve(__dirname, '../../renderer/public/voice');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'clips.json'), 'utf8')) as { clips: Record<string, { bytes: number }> };
    const used = new Set<string>();
    for (let n = 0; n <= 999; n++) {
      for (const role of ['helpdesk', 'verifier', 'sysadmin'] as const) {
        for (const c of announcementClips({ letter: n % 2 ? 'A' : 'B', number: n, desk: { role, number: n % 10 } })) used.add(c);
      }
    }
    for (const id of used) {
      expect(ALL_CLIPS, id).toContain(id);
      const file = path.join(dir, `${id}.ogg`);
      expect(fs.statSync(file).size, id).toBe(manifest.clips[id]!.bytes);
      expect(fs.readFileSync(file).subarray(0, 4).toString('latin1'), id).toBe('OggS');
    }
  });
});
