import { describe, expect, it } from 'vitest';
import { analysisSettings } from '../../../../../functions/core/analysis/settings';
import { ConfigurationError } from '../../../../../functions/config';

describe('Function: analysisSettings', () => {
  it('uses the defaults, with a lower label threshold for the local detector', () => {
    expect(analysisSettings({}, 'aws').tagging.thresholds.labels).toBe(0.6);
    expect(analysisSettings({}, 'local').tagging.thresholds).toMatchObject({ labels: 0.4, keyPhrases: 0.7 });
    expect(analysisSettings({}, 'aws').tagging.thresholds.keyPhrases).toBe(0.8);
    expect(analysisSettings({}, 'aws').video).toMatchObject({ maxKeyframes: 32, keyframeGapSeconds: 10, sceneThreshold: 0.3 });
  });

  it('reads overrides from the environment', () => {
    const settings = analysisSettings({ TAG_MIN_CONFIDENCE_LABELS: '0.75', TAG_MIN_CONFIDENCE_KEY_PHRASES: '0.9', VIDEO_MAX_KEYFRAMES: '8' }, 'local');
    expect(settings.tagging.thresholds).toMatchObject({ labels: 0.75, keyPhrases: 0.9 });
    expect(settings.video.maxKeyframes).toBe(8);
  });

  it('fails fast naming a bad variable', () => {
    expect(() => analysisSettings({ TAG_MIN_CONFIDENCE_FACES: '1.5' }, 'aws')).toThrow(ConfigurationError);
    expect(() => analysisSettings({ VIDEO_MAX_KEYFRAMES: '2.5' }, 'aws')).toThrow(/VIDEO_MAX_KEYFRAMES/);
  });
});
