import { describe, expect, it } from 'vitest';
import { decideGroups, decideMatch } from '../../../../../functions/core/people/face-matcher';

const policy = { threshold: 0.6, margin: 0.05 };

describe('decideMatch', () => {
  it('joins the best person when it reaches the threshold and leads the second by the margin', () => {
    expect(
      decideMatch(
        [
          { personId: 'b', similarity: 0.62 },
          { personId: 'a', similarity: 0.81 },
        ],
        policy,
      ),
    ).toEqual({ kind: 'join', personId: 'a', similarity: 0.81 });
  });

  it('starts a new person below the threshold or with nobody to join', () => {
    expect(decideMatch([{ personId: 'a', similarity: 0.59 }], policy)).toEqual({ kind: 'new', reason: 'below-threshold' });
    expect(decideMatch([], policy)).toEqual({ kind: 'new', reason: 'no-candidate' });
  });

  it('starts a new person when two people are too close to call (no chaining of clusters)', () => {
    expect(
      decideMatch(
        [
          { personId: 'a', similarity: 0.8 },
          { personId: 'b', similarity: 0.77 },
        ],
        policy,
      ),
    ).toEqual({ kind: 'new', reason: 'ambiguous' });
  });

  it('joins the closer of two people that look like one person found twice (not a face between two people)', () => {
    const candidates = [
      { personId: 'a', similarity: 0.8 },
      { personId: 'a-again', similarity: 0.78 },
    ];
    expect(decideMatch(candidates, policy, (x, y) => [x, y].sort().join() === 'a,a-again')).toEqual({ kind: 'join', personId: 'a', similarity: 0.8 });
    expect(decideMatch(candidates, policy, () => false)).toEqual({ kind: 'new', reason: 'ambiguous' });
  });
});

describe('decideGroups', () => {
  it('never puts two groups of one media item in the same person: the closer group wins', () => {
    const decisions = decideGroups(
      [
        [{ personId: 'p', similarity: 0.7 }],
        [{ personId: 'p', similarity: 0.9 }],
        [{ personId: 'q', similarity: 0.8 }],
      ],
      policy,
    );
    expect(decisions).toEqual([
      { kind: 'new', reason: 'ambiguous' },
      { kind: 'join', personId: 'p', similarity: 0.9 },
      { kind: 'join', personId: 'q', similarity: 0.8 },
    ]);
  });
});
