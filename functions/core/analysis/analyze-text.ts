/**
 * Text documents: `text-analysis` (language, sentiment, key phrases, entities) of the document's
 * start — at most `settings.text.maxBytes`, decoded as UTF-8; the result says when it was cut.
 */
import type { TextAnalyzer } from '../../ports/text-analyzer';
import type { TaggingFindings } from '../tagging';
import type { Lazy } from './analyze-image';
import { kindsByMediaType } from './kinds';
import type { Analyzer } from './run-analysis';
import { readTextStart } from './text-document';

export function textDocumentAnalyzer(ports: { textAnalyzer: Lazy<TextAnalyzer> }): Analyzer {
  return {
    mediaType: 'TEXT',
    kinds: kindsByMediaType.TEXT,
    async analyze({ session, object, settings }): Promise<TaggingFindings> {
      // Read before the kind starts: a failed download is thrown (and retried), not the analysis' failure.
      const document = await readTextStart(object.body, settings.text.maxBytes);
      const analysis = await session.run('text-analysis', async () => {
        const read = { characters: document.text.length, bytes: document.bytes, truncated: document.truncated };
        if (!document.text.trim()) {
          return { result: { source: 'document', ...read, skipped: 'the document has no text' }, value: null };
        }
        const found = await (await ports.textAnalyzer()).analyze(document.text);
        return { result: { source: 'document', ...read, ...found }, value: found };
      });
      return analysis ? { textAnalysis: analysis } : {};
    },
  };
}
