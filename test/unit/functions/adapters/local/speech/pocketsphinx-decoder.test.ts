import { describe, expect, it } from 'vitest';
import { mergeArguments } from '../../../../../../functions/adapters/local/speech/pocketsphinx-decoder';

describe('Function: mergeArguments', () => {
  it('lets an override replace a default of the same name (pocketsphinx refuses a name given twice)', () => {
    expect(mergeArguments(['-fwdflat', 'no', '-lw', '6.5'], ['-fwdflat', 'yes', '-beam', '1e-60'])).toEqual(['-fwdflat', 'yes', '-lw', '6.5', '-beam', '1e-60']);
  });

  it('refuses a name without a value', () => {
    expect(() => mergeArguments([], ['-fwdflat'])).toThrow(RangeError);
  });
});
