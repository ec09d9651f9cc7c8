import * as m from './test/support/media';
import { readImageMetadata } from './functions/core/media/image-metadata';
import { measureImageQuality } from './functions/core/media/image-quality';
import { imageThumbnail } from './functions/core/media/previews';
import { imagePerceptualHash } from './functions/core/media/perceptual-hash';
import { checksumFile } from './functions/core/media/checksum';
import { detectFormat } from './functions/core/media/detect';
import { existsSync, readFileSync } from 'node:fs';
const childCpu = () => { const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' '); return (Number(fields[13]) + Number(fields[14])) / 100; };
const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
for (const [w, h] of [[1600, 1200], [4000, 3000]] as const) {
  const files: string[] = [];
  for (let i = 0; i < 10; i++) { const f = `/tmp/mw/img-${w}-${i}.jpg`; if (!existsSync(f)) await m.writePhotoJpeg(f, { seed: 500 + i, width: w, height: h }, { make: 'X', gps: { latitude: 1, longitude: 2 } }); files.push(f); }
  const steps: Record<string, number> = {};
  const c0 = selfCpu() + childCpu(); const s0 = performance.now();
  for (const f of files) {
    for (const [name, fn] of [['detect', () => detectFormat(f)], ['checksum', () => checksumFile(f)], ['metadata', () => readImageMetadata(f)], ['quality', () => measureImageQuality(f)], ['thumbnail', () => imageThumbnail(f)], ['hash', () => imagePerceptualHash(f)]] as const) {
      const s = performance.now(); await (fn as () => Promise<unknown>)(); steps[name] = (steps[name] ?? 0) + performance.now() - s;
    }
  }
  const wall = performance.now() - s0; const cpu = selfCpu() + childCpu() - c0;
  console.log(`${w}x${h}`, 'per image wall', (wall / files.length).toFixed(1), 'ms, cpu', (cpu * 1000 / files.length).toFixed(1), 'ms;', Object.entries(steps).map(([k, v]) => `${k} ${(v / files.length).toFixed(1)}`).join(', '), 'load', readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
import { analyseImage } from './functions/core/media/image-analysis';
for (const [w, h] of [[1600, 1200], [4000, 3000]] as const) {
  const c0 = selfCpu() + childCpu(); const s0 = performance.now();
  for (let i = 0; i < 10; i++) { const f = `/tmp/mw/img-${w}-${i}.jpg`; await detectFormat(f); await checksumFile(f); await analyseImage(f); }
  const wall = performance.now() - s0; const cpu = selfCpu() + childCpu() - c0;
  console.log(`analyseImage ${w}x${h}`, 'per image wall', (wall / 10).toFixed(1), 'ms, cpu', (cpu * 100).toFixed(1), 'ms', 'load', readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
