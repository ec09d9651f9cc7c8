/**
 * The spoken part of audio and video: `transcript` (speech to text with word timings), then
 * `text-analysis` of the transcript (sentiment, key phrases, entities). Without a sound track, or
 * when nothing was said, both still end SUCCEEDED and say why they are empty.
 */
import type { TextAnalysis, TextAnalyzer } from '../../ports/text-analyzer';
import type { Transcriber, Transcript } from '../../ports/transcriber';
import type { AnalysisSession } from './analysis-session';
import type { Lazy } from './analyze-image';

export interface SpeechPorts {
  transcriber: Lazy<Transcriber>;
  textAnalyzer: Lazy<TextAnalyzer>;
}

/**
 * Runs `transcript` on `wavFile` (or reports `noAudioReason` when there is no sound), then
 * `text-analysis` on what was said.
 * @returns the transcript and its analysis (each null when missing or failed)
 */
export async function transcribeAndAnalyse(
  session: AnalysisSession,
  ports: SpeechPorts,
  source: { wavFile: string } | { noAudioReason: string },
): Promise<{ transcript: Transcript | null; analysis: TextAnalysis | null }> {
  if ('noAudioReason' in source) {
    await session.run('transcript', async () => ({ result: { skipped: source.noAudioReason }, value: null }));
    await session.run('text-analysis', async () => ({ result: { skipped: 'there is no speech to analyse' }, value: null }));
    return { transcript: null, analysis: null };
  }
  const transcript = await session.run('transcript', async () => {
    const found = await (await ports.transcriber()).transcribe(source.wavFile);
    return { result: { language: found.language, text: found.text, wordCount: found.words.length, words: found.words }, value: found };
  });
  if (!transcript) {
    await session.fail('text-analysis', 'there is no transcript to analyse: the transcription failed');
    return { transcript: null, analysis: null };
  }
  if (!transcript.text.trim()) {
    await session.run('text-analysis', async () => ({ result: { skipped: 'no speech was recognised' }, value: null }));
    return { transcript, analysis: null };
  }
  const analysis = await session.run('text-analysis', async () => {
    const found = await (await ports.textAnalyzer()).analyze(transcript.text);
    return { result: { source: 'transcript', ...found }, value: found };
  });
  return { transcript, analysis };
}
