import { describe, expect, it } from 'vitest';
import { parseCtmLine, parseHypothesisLine, spokenWord } from '../../../../../../functions/adapters/local/speech/pocketsphinx-output';

// Lines as pocketsphinx_batch 5prealpha (Debian bookworm) printed them for the LibriVox clip 0880.
const HYPOTHESIS = 'he was not until this blows young man (r0s0 -11405)';
const CTM = 'r0s0 1 1.67 0.37 blows 0.009';

describe('Function: parseCtmLine', () => {
  it('reads the utterance, start, duration, word and posterior', () => {
    expect(parseCtmLine(CTM)).toEqual({ utteranceId: 'r0s0', start: 1.67, duration: 0.37, word: 'blows', confidence: 0.009 });
  });

  it('keeps the pronunciation variant for spokenWord to remove', () => {
    expect(parseCtmLine('r0s1 1 0.33 0.21 was(2) 1.000')?.word).toBe('was(2)');
  });

  it('returns null for a hypothesis line and for log noise', () => {
    expect(parseCtmLine(HYPOTHESIS)).toBeNull();
    expect(parseCtmLine('INFO: batch.c(778): /tmp/a.raw: 2.99 seconds speech')).toBeNull();
  });
});

describe('Function: parseHypothesisLine', () => {
  it('reads the text, utterance id and score', () => {
    expect(parseHypothesisLine(HYPOTHESIS)).toEqual({ utteranceId: 'r0s0', text: 'he was not until this blows young man', score: -11405 });
  });

  it('reads an utterance in which nothing was recognised', () => {
    expect(parseHypothesisLine(' (r3end -8560)')).toEqual({ utteranceId: 'r3end', text: '', score: -8560 });
  });

  it('returns null for a CTM line', () => {
    expect(parseHypothesisLine(CTM)).toBeNull();
  });
});

describe('Function: spokenWord', () => {
  it('removes the pronunciation variant', () => {
    expect(spokenWord('leisure(2)')).toBe('leisure');
  });

  it('drops fillers and sentence markers', () => {
    expect(['<s>', '</s>', '<sil>', '[NOISE]', '[SPEECH]', '++BREATH++'].map(spokenWord)).toEqual([null, null, null, null, null, null]);
  });
});
