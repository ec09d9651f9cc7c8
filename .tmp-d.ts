import * as m from './test/support/media';
import { imagePerceptualHash, hammingDistance } from './functions/core/media/perceptual-hash';
import { hashBands } from './functions/core/dedupe';
import sharp from 'sharp';
const d = '/tmp/mw/dist3'; (await import('node:fs')).mkdirSync(d, { recursive: true });
const variants = ['resized', 'brightened', 'jpegQ50', 'cropped2', 'blurred'] as const;
const dist: Record<string, number[]> = {};
const originals: string[] = [];
const pairs: [string,string,string][] = [];
let hashMs = 0, hashN = 0;
const H = async (f: string) => { const s = performance.now(); const h = await imagePerceptualHash(f); hashMs += performance.now() - s; hashN++; return h; };
for (let seed = 1; seed <= 40; seed++) {
  const src = `${d}/s${seed}.jpg`;
  await m.writePhotoJpeg(src, { seed, width: 1024, height: 768 });
  const h0 = await H(src);
  for (const v of variants) { await m.writeVariant(src, v, `${d}/s${seed}-${v}.jpg`); const h = await H(`${d}/s${seed}-${v}.jpg`); (dist[v] ??= []).push(hammingDistance(h0, h)); pairs.push([v, h0, h]); }
  const meta = await sharp(src).metadata(); const w = meta.width!, hh = meta.height!;
  await sharp(src).extract({ left: Math.round(w*0.05), top: Math.round(hh*0.05), width: Math.round(w*0.9), height: Math.round(hh*0.9) }).toFile(`${d}/s${seed}-crop5.jpg`);
  await sharp(src).rotate(3, { background: '#808080' }).toFile(`${d}/s${seed}-rot3.jpg`);
  for (const v of ['crop5', 'rot3']) { const h = await H(`${d}/s${seed}-${v}.jpg`); (dist[v] ??= []).push(hammingDistance(h0, h)); pairs.push([v, h0, h]); }
}
for (let seed = 41; seed <= 100; seed++) { const src = `${d}/s${seed}.jpg`; await m.writePhotoJpeg(src, { seed, width: 1024, height: 768 }); originals.push(await H(src)); }
for (const [k, v] of Object.entries(dist)) { const s = [...v].sort((a,b)=>a-b); console.log(k.padEnd(10), JSON.stringify(s), "over10", s.filter(x=>x>10).length); }
const firstOriginals = pairs.filter(p => p[0] === 'resized').map(p => p[1]);
const all = [...firstOriginals, ...originals];
const unrelated: number[] = [];
for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) unrelated.push(hammingDistance(all[i]!, all[j]!));
unrelated.sort((a,b)=>a-b);
const hist: Record<number, number> = {}; for (const x of unrelated) hist[x] = (hist[x] ?? 0) + 1;
console.log('unrelated n', unrelated.length, 'min', unrelated[0], 'p1', unrelated[Math.floor(unrelated.length*0.01)], 'p5', unrelated[Math.floor(unrelated.length*0.05)], 'median', unrelated[Math.floor(unrelated.length/2)], 'max', unrelated.at(-1), JSON.stringify(hist));
for (const bands of [4, 8]) {
  let within = 0, found = 0; const byD: Record<number,[number,number]> = {};
  for (const [, a, b] of pairs) { const dd = hammingDistance(a, b); if (dd > 10) continue; within++; const A = new Set(hashBands(a, bands)); const hit = hashBands(b, bands).some((x) => A.has(x)); if (hit) found++; const e = (byD[dd] ??= [0,0]); e[0]++; if (hit) e[1]++; }
  let cand = 0; for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) { const A = new Set(hashBands(all[i]!, bands)); if (hashBands(all[j]!, bands).some((x) => A.has(x))) cand++; }
  console.log('bands', bands, 'recall@10', found, '/', within, JSON.stringify(byD), 'unrelated candidate rate', (cand / unrelated.length).toFixed(4));
}
console.log('hash ms per image', (hashMs / hashN).toFixed(1));
