/**
 * The file work the analyzers need besides the models — probing, keyframes, the sound track, the
 * speech/music/silence measure, the picture for the vision models — injected so the orchestration
 * can be tested without ffmpeg. `ffmpegMediaTools` is the real one.
 */
import type { AudioClasses } from '../audio-classes';
import { measureAudioClasses } from '../audio-classes';
import { primaryAudioStream, primaryVideoStream, probeMedia } from '../media/av-metadata';
import { prepareAnalysisImage } from './analysis-image';
import { extractSpeechAudio } from './audio-track';
import type { KeyframePlan } from './keyframe-plan';
import { extractKeyframes, type Keyframe, type KeyframeOptions } from './video-keyframes';

export interface ProbedStreams {
  durationSeconds: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
}

export interface MediaTools {
  probe(file: string): Promise<ProbedStreams>;
  /** Keyframe JPEGs written into `outDir`, in time order. */
  extractKeyframes(file: string, outDir: string, plan: KeyframePlan, options: KeyframeOptions): Promise<Keyframe[]>;
  /** The first audio stream as 16 kHz mono WAV. */
  extractSpeechAudio(file: string, wavFile: string): Promise<void>;
  /** Shares of speech, music and silence. */
  audioClasses(file: string): Promise<AudioClasses>;
  /** The upright, bounded JPEG the vision models see. */
  prepareImage(file: string, maxSide: number): Promise<Buffer>;
}

export const ffmpegMediaTools: MediaTools = {
  async probe(file) {
    const metadata = await probeMedia(file);
    return {
      durationSeconds: metadata.durationSeconds,
      hasVideo: primaryVideoStream(metadata) !== null,
      hasAudio: primaryAudioStream(metadata) !== null,
    };
  },
  extractKeyframes,
  extractSpeechAudio: (file, wavFile) => extractSpeechAudio(file, wavFile),
  audioClasses: (file) => measureAudioClasses(file),
  prepareImage: prepareAnalysisImage,
};
