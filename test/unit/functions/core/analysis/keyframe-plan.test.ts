import { describe, expect, it } from 'vitest';
import { planKeyframes, selectExpression, spreadKeyframes } from '../../../../../functions/core/analysis/keyframe-plan';

describe('Function: planKeyframes', () => {
  it('takes a frame at least every gap for a short video', () => {
    // Act
    const plan = planKeyframes(60, { maxFrames: 32, gapSeconds: 10, sceneThreshold: 0.3 });

    // Assess
    expect(plan).toMatchObject({ maxFrames: 32, maxGapSeconds: 10, minSceneGapSeconds: 0.9375, maxCandidates: 66 });
  });

  it('lets the frame count win over the gap for a long video', () => {
    // Act: 20 minutes, 32 frames → one per 37.5 s at least.
    const plan = planKeyframes(1200, { maxFrames: 32, gapSeconds: 10, sceneThreshold: 0.3 });

    // Assess
    expect(plan.maxGapSeconds).toBe(37.5);
    expect(plan.minSceneGapSeconds).toBe(18.75);
  });

  it('falls back to the gap bounds when the duration is unknown', () => {
    expect(planKeyframes(null, { maxFrames: 8, gapSeconds: 5, sceneThreshold: 0.4 })).toMatchObject({ maxGapSeconds: 5, minSceneGapSeconds: 0.5 });
  });
});

describe('Function: selectExpression', () => {
  it('selects the first frame, gaps and spaced scene changes', () => {
    const plan = planKeyframes(60, { maxFrames: 32, gapSeconds: 10, sceneThreshold: 0.3 });
    expect(selectExpression(plan)).toBe('isnan(prev_selected_t)+gte(t-prev_selected_t,10)+gt(scene,0.3)*gte(t-prev_selected_t,0.938)');
  });
});

describe('Function: spreadKeyframes', () => {
  it('keeps every candidate when there are few enough', () => {
    expect(spreadKeyframes([{ at: 5 }, { at: 1 }], 4, 10)).toEqual([{ at: 1 }, { at: 5 }]);
  });

  it('keeps at most the maximum, one per slice of the video', () => {
    // Prepare: a burst of cuts at the start and a few later.
    const candidates = [0, 0.5, 1, 1.5, 2, 2.5, 30, 61, 95].map((at) => ({ at }));

    // Act
    const kept = spreadKeyframes(candidates, 4, 100);

    // Assess: slices of 25 s: [0,25) [25,50) [50,75) [75,100)
    expect(kept.map((frame) => frame.at)).toEqual([0, 30, 61, 95]);
  });
});
