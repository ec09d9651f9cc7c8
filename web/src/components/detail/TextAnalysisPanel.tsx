/** Sentiment (with its scores as bars), key phrases and entities of a text or a transcript. */
import type { SentimentValue, TextAnalysisFinding } from '../../lib/analysis';
import { formatPercent, titleCase } from '../../lib/format';

const SENTIMENT_ORDER: readonly SentimentValue[] = ['POSITIVE', 'NEUTRAL', 'MIXED', 'NEGATIVE'];

export function TextAnalysisPanel({ analysis }: { analysis: TextAnalysisFinding }) {
  if (analysis.skipped) return <p className="muted">Not analysed: {analysis.skipped}.</p>;
  const byType = new Map<string, { text: string; confidence: number }[]>();
  for (const entity of analysis.entities) byType.set(entity.type, [...(byType.get(entity.type) ?? []), entity]);
  return (
    <div className="text-analysis">
      {analysis.sentiment ? (
        <div className="sentiment" data-testid="sentiment">
          <p>
            Sentiment <span className={`badge badge--sentiment-${analysis.sentiment.value.toLowerCase()}`}>{titleCase(analysis.sentiment.value)}</span>
            {analysis.language ? <span className="muted"> · language {analysis.language.code}</span> : null}
          </p>
          <dl className="bars">
            {SENTIMENT_ORDER.map((value) => {
              const score = analysis.sentiment?.scores[value] ?? 0;
              return (
                <div key={value} className="bars__row">
                  <dt>{titleCase(value)}</dt>
                  <dd>
                    <span className={`bars__bar bars__bar--${value.toLowerCase()}`} style={{ width: `${score * 100}%` }} />
                    <span className="bars__value">{formatPercent(score)}</span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </div>
      ) : null}
      <h4>Key phrases</h4>
      {analysis.keyPhrases.length > 0 ? (
        <ul className="chips">
          {analysis.keyPhrases.map((phrase) => (
            <li key={phrase.text} className="chip" title={`${formatPercent(phrase.confidence)} confidence`}>
              {phrase.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None found.</p>
      )}
      <h4>Entities</h4>
      {byType.size > 0 ? (
        <dl className="entities">
          {[...byType.entries()].map(([type, entities]) => (
            <div key={type}>
              <dt>{titleCase(type)}</dt>
              <dd>{entities.map((e) => e.text).join(', ')}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">None found.</p>
      )}
    </div>
  );
}
