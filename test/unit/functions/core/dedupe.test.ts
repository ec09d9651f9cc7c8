import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fingerprint } from '../../../../functions/core/dedupe';
import {
  HASH_BAND_COUNT,
  NEAR_DUPLICATE_DISTANCE,
  bandsOfAll,
  findDuplicates,
  groupDuplicates,
  hashBands,
  perceptualDistance,
} from '../../../../functions/core/dedupe';
import { hammingDistance, imagePerceptualHash } from '../../../../functions/core/media/perceptual-hash';
import type { VariantName } from '../../../support/media';
import { makeMediaDir, seededRandom, writePhotoJpeg, writeVariant } from '../../../support/media';

/** Flips `count` distinct random bits of a 64-bit hex hash. */
function flipBits(hash: string, count: number, random: () => number): string {
  const bits = [...hash].flatMap((hex) => parseInt(hex, 16).toString(2).padStart(4, '0').split('').map(Number));
  const positions = new Set<number>();
  while (positions.size < count) positions.add(Math.floor(random() * 64));
  for (const position of positions) bits[position] = 1 - bits[position]!;
  let out = '';
  for (let i = 0; i < 64; i += 4) out += parseInt(bits.slice(i, i + 4).join(''), 2).toString(16);
  return out;
}

function randomHash(random: () => number): string {
  return Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');
}

const shareBand = (a: string, b: string) => {
  const bands = new Set(hashBands(a));
  return hashBands(b).some((band) => bands.has(band));
};

describe('Function: hashBands', () => {
  it('splits a hash into 8 keyed bands of 8 bits', () => {
    expect(hashBands('0123456789ABCDEF')).toEqual(['0:01', '1:23', '2:45', '3:67', '4:89', '5:ab', '6:cd', '7:ef']);
    expect(hashBands('0123456789abcdef', 4)).toEqual(['0:0123', '1:4567', '2:89ab', '3:cdef']);
  });

  it('refuses malformed hashes and uneven band counts', () => {
    expect(() => hashBands('123')).toThrow(RangeError);
    expect(() => hashBands('0123456789abcdef', 3)).toThrow(RangeError);
  });

  it(`guarantees a shared band for any two hashes within ${HASH_BAND_COUNT - 1} bits (pigeonhole), checked on 20,000 random pairs`, () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 20_000; trial++) {
      const hash = randomHash(random);
      const near = flipBits(hash, 1 + (trial % (HASH_BAND_COUNT - 1)), random);
      expect(shareBand(hash, near)).toBe(true);
    }
  });

  it('can miss at 8 bits: one flipped bit in every band leaves no band in common', () => {
    const hash = '0000000000000000';
    const oneBitPerBand = '0101010101010101';

    expect(hammingDistance(hash, oneBitPerBand)).toBe(8);
    expect(shareBand(hash, oneBitPerBand)).toBe(false);
  });

  it('collects the distinct bands of several keyframe hashes', () => {
    expect(bandsOfAll(['0000000000000000', '00000000000000ff'])).toEqual([
      '0:00', '1:00', '2:00', '3:00', '4:00', '5:00', '6:00', '7:00', '7:ff',
    ]);
  });
});

describe('Function: perceptualDistance', () => {
  it('is the Hamming distance for single hashes and null without hashes', () => {
    expect(perceptualDistance(['0000000000000000'], ['000000000000000f'])).toBe(4);
    expect(perceptualDistance([], ['000000000000000f'])).toBeNull();
  });

  it('takes the median nearest match for keyframe sets, so one shared frame does not make videos duplicates', () => {
    const shared = '0f0f0f0f0f0f0f0f';
    const a = [shared, 'ffffffff00000000', '00000000ffffffff'];
    const b = [shared, '3333333333333333', 'cccccccccccccccc'];

    expect(perceptualDistance(a, b)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE);
    expect(perceptualDistance(a, [flipBits(a[0]!, 2, seededRandom(1)), flipBits(a[1]!, 2, seededRandom(2)), a[2]!])).toBeLessThanOrEqual(2);
  });
});

describe('Function: findDuplicates', () => {
  const subject: Fingerprint = { mediaId: 'm1', sha256: 'aa', perceptualHashes: ['0000000000000000'] };

  it('lists exact copies first, then near copies nearest first, never the item itself', () => {
    const matches = findDuplicates(subject, [
      subject,
      { mediaId: 'far', sha256: 'bb', perceptualHashes: ['00000000ffffffff'] },
      { mediaId: 'near6', sha256: 'cc', perceptualHashes: ['000000000000003f'] },
      { mediaId: 'near2', sha256: 'dd', perceptualHashes: ['0000000000000003'] },
      { mediaId: 'copy', sha256: 'aa', perceptualHashes: ['ffffffffffffffff'] },
      { mediaId: 'copy', sha256: 'aa', perceptualHashes: [] },
    ]);

    expect(matches).toEqual([
      { mediaId: 'copy', kind: 'EXACT', distance: 0 },
      { mediaId: 'near2', kind: 'NEAR', distance: 2 },
      { mediaId: 'near6', kind: 'NEAR', distance: 6 },
    ]);
  });

  it('takes a stricter threshold', () => {
    const matches = findDuplicates(subject, [{ mediaId: 'near6', sha256: 'cc', perceptualHashes: ['000000000000003f'] }], { maxDistance: 4 });

    expect(matches).toEqual([]);
  });

  it('finds exact copies of files without a perceptual hash (audio, text)', () => {
    const text: Fingerprint = { mediaId: 't1', sha256: 'abc', perceptualHashes: [] };

    expect(findDuplicates(text, [{ mediaId: 't2', sha256: 'abc', perceptualHashes: [] }])).toEqual([{ mediaId: 't2', kind: 'EXACT', distance: 0 }]);
  });
});

describe('Function: groupDuplicates', () => {
  it('joins chains of near copies and exact copies into groups with union-find', () => {
    const groups = groupDuplicates([
      { mediaId: 'a', sha256: '1', perceptualHashes: ['0000000000000000'] },
      { mediaId: 'b', sha256: '2', perceptualHashes: ['00000000000000ff'] }, // 8 from a
      { mediaId: 'c', sha256: '3', perceptualHashes: ['000000000000ffff'] }, // 8 from b, 16 from a
      { mediaId: 'd', sha256: '4', perceptualHashes: ['ffffffffffffffff'] },
      { mediaId: 'e', sha256: '5', perceptualHashes: ['ffffffffffffffff'] },
      { mediaId: 'f', sha256: '6', perceptualHashes: ['f0f0f0f0f0f0f0f0'] },
      { mediaId: 'g', sha256: '6', perceptualHashes: [] },
      { mediaId: 'h', sha256: '6', perceptualHashes: [] },
    ]);

    expect(groups).toEqual([
      { mediaIds: ['a', 'b', 'c'], kind: 'NEAR' },
      { mediaIds: ['f', 'g', 'h'], kind: 'EXACT' },
      { mediaIds: ['d', 'e'], kind: 'NEAR' },
    ]);
  });

  it('leaves unrelated items out', () => {
    expect(groupDuplicates([
      { mediaId: 'a', sha256: '1', perceptualHashes: ['0000000000000000'] },
      { mediaId: 'b', sha256: '2', perceptualHashes: ['ffffffffffffffff'] },
    ])).toEqual([]);
  });
});

describe('Near-duplicate threshold and bands on generated photos', () => {
  const seeds = [101, 102, 103, 104, 105, 106, 107, 108];
  const variants: VariantName[] = ['resized', 'brightened', 'jpegQ50', 'cropped2', 'blurred'];
  const originals = new Map<number, string>();
  const copies: { seed: number; variant: VariantName; hash: string }[] = [];
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const made = await makeMediaDir();
    cleanup = made.cleanup;
    for (const seed of seeds) {
      const original = join(made.dir, `${seed}.jpg`);
      await writePhotoJpeg(original, { seed, width: 800, height: 600 });
      originals.set(seed, await imagePerceptualHash(original));
      for (const variant of variants) {
        const copy = join(made.dir, `${seed}-${variant}.jpg`);
        await writeVariant(original, variant, copy);
        copies.push({ seed, variant, hash: await imagePerceptualHash(copy) });
      }
    }
  }, 120_000);

  afterAll(() => cleanup());

  it('keeps every edited copy within the threshold of its original', () => {
    const distances = copies.map((copy) => hammingDistance(copy.hash, originals.get(copy.seed)!));

    expect(Math.max(...distances)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
  });

  it('keeps different scenes beyond the threshold', () => {
    const hashes = [...originals.values()];
    const distances = hashes.flatMap((a, i) => hashes.slice(i + 1).map((b) => hammingDistance(a, b)));

    expect(Math.min(...distances)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE);
  });

  it('finds at least 95% of the copies within the threshold by a shared band', () => {
    const within = copies.filter((copy) => hammingDistance(copy.hash, originals.get(copy.seed)!) <= NEAR_DUPLICATE_DISTANCE);
    const found = within.filter((copy) => shareBand(copy.hash, originals.get(copy.seed)!));

    expect(found.length / within.length).toBeGreaterThanOrEqual(0.95);
  });

  it('groups each scene with its copies and nothing else', () => {
    const items: Fingerprint[] = [
      ...[...originals].map(([seed, hash]) => ({ mediaId: `${seed}`, sha256: `${seed}`, perceptualHashes: [hash] })),
      ...copies.map((copy) => ({ mediaId: `${copy.seed}-${copy.variant}`, sha256: `${copy.seed}-${copy.variant}`, perceptualHashes: [copy.hash] })),
    ];

    const groups = groupDuplicates(items);

    expect(groups).toHaveLength(seeds.length);
    for (const group of groups) {
      const scene = group.mediaIds[0]!.split('-')[0];
      expect(group.mediaIds.every((id) => id.split('-')[0] === scene)).toBe(true);
      expect(group.mediaIds).toHaveLength(1 + variants.length);
    }
  });
});
