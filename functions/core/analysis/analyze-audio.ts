/**
 * Audio analysis: the sound as 16 kHz mono speech audio, then `transcript` → `text-analysis`, and,
 * side by side, `audio-classes` (shares of speech, music and silence, core/audio-classes.ts).
 */
import type { TaggingFindings } from '../tagging';
import path from 'node:path';
import { failureReason } from './analysis-session';
import { kindsByMediaType } from './kinds';
import type { MediaTools } from './media-tools';
import type { Analyzer } from './run-analysis';
import { transcribeAndAnalyse, type SpeechPorts } from './speech';

export interface AudioPorts extends SpeechPorts {
  tools: Pick<MediaTools, 'extractSpeechAudio' | 'audioClasses'>;
}

export function audioAnalyzer(ports: AudioPorts): Analyzer {
  const kinds = kindsByMediaType.AUDIO;
  return {
    mediaType: 'AUDIO',
    kinds,
    async analyze({ session, workDir, saveOriginal }): Promise<TaggingFindings> {
      const original = await saveOriginal();
      const wavFile = path.join(workDir, 'speech.wav');
      try {
        await ports.tools.extractSpeechAudio(original, wavFile);
      } catch (error) {
        const reason = failureReason(error);
        for (const kind of kinds) {
          await session.fail(kind, reason);
        }
        return {};
      }
      const [speech] = await Promise.all([
        transcribeAndAnalyse(session, ports, { wavFile }),
        session.run('audio-classes', async () => {
          const classes = await ports.tools.audioClasses(wavFile);
          return { result: { ...classes }, value: classes };
        }),
      ]);
      return speech.analysis ? { textAnalysis: speech.analysis } : {};
    },
  };
}
