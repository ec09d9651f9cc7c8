/** People found in the library (face clusters): name them, merge the same person found twice, browse their media. */
import { useState, type FormEvent } from 'react';
import { MERGE_PEOPLE, NAME_PERSON, PEOPLE, type PersonView } from '../api/documents';
import { useApi } from '../app/context';
import { Link } from '../app/router';
import { EmptyState, ErrorMessage, LoadingState } from '../components/feedback';
import { Icon } from '../components/Icon';
import { useDownloadUrl } from '../hooks/useDownloadUrl';
import { useQuery } from '../hooks/useQuery';
import { plural } from '../lib/format';

/** The sample face cropped out of its media's thumbnail with CSS (no extra image request). */
function FaceCrop({ person }: { person: PersonView }) {
  const sample = person.sample;
  const { url } = useDownloadUrl(sample?.mediaId ?? '', 'THUMBNAIL', 0, Boolean(sample));
  if (!sample || !url) {
    return (
      <div className="face-crop face-crop--empty">
        <Icon name="people" size={32} />
      </div>
    );
  }
  const { left, top, width, height } = sample.box;
  const size = Math.max(width, height) || 1;
  return (
    <div
      className="face-crop"
      role="img"
      aria-label={`Face of ${person.name ?? 'an unnamed person'}`}
      style={{
        backgroundImage: `url("${url}")`,
        backgroundSize: `${100 / size}% auto`,
        backgroundPosition: `${(left / Math.max(1e-6, 1 - size)) * 100}% ${(top / Math.max(1e-6, 1 - size)) * 100}%`,
      }}
    />
  );
}

function PersonCard({ person, selected, onSelect, onRenamed }: { person: PersonView; selected: boolean; onSelect: (on: boolean) => void; onRenamed: () => void }) {
  const api = useApi();
  const [name, setName] = useState(person.name ?? '');
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.request(NAME_PERSON, { id: person.id, name: name.trim() === '' ? null : name.trim() });
      setSaved(true);
      onRenamed();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  };
  return (
    <li className={`person${selected ? ' person--selected' : ''}`}>
      <FaceCrop person={person} />
      <form onSubmit={(e) => void save(e)} className="person__form">
        <label className="field">
          <span className="visually-hidden">Name</span>
          <input
            value={name}
            placeholder="Who is this?"
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
          />
        </label>
        <button type="submit" className="button button--small" disabled={name === (person.name ?? '')}>
          {saved ? 'Saved' : 'Save'}
        </button>
      </form>
      <p className="muted small">
        {plural(person.faceCount, 'face')} in {plural(person.mediaCount, 'item')} · <Link to={`/search?person=${encodeURIComponent(person.id)}`}>Browse</Link>
      </p>
      <label className="check small">
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} /> Select to merge
      </label>
      {error ? <ErrorMessage error={error} title="Name not saved" /> : null}
    </li>
  );
}

export function PeoplePage() {
  const api = useApi();
  const people = useQuery(PEOPLE, { limit: 100 });
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const items = people.data?.people.items ?? [];
  const merge = async () => {
    const [target, ...others] = selected;
    if (!target || others.length === 0) return;
    setError(null);
    try {
      await api.request(MERGE_PEOPLE, { id: target, otherIds: others });
      setSelected([]);
      await people.refetch();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  };
  return (
    <div className="page">
      <div className="page__head">
        <h1>People</h1>
        <p className="muted">Faces the analysis believes are one person.</p>
      </div>
      {selected.length > 1 ? (
        <div className="alert alert--info">
          <span>{plural(selected.length, 'person', 'people')} selected: the same person?</span>
          <button type="button" className="button button--small button--primary" onClick={() => void merge()}>
            Merge into one
          </button>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} title="Not merged" /> : null}
      {people.loading && !people.data ? <LoadingState label="Loading people…" /> : null}
      {people.error ? <ErrorMessage error={people.error} onRetry={() => void people.refetch()} /> : null}
      {people.data && items.length === 0 ? <EmptyState title="No people yet">Upload photos or videos with faces: they are grouped here as they are analysed.</EmptyState> : null}
      <ul className="people">
        {items.map((person) => (
          <PersonCard
            key={person.id}
            person={person}
            selected={selected.includes(person.id)}
            onSelect={(on) => setSelected((current) => (on ? [...current, person.id] : current.filter((id) => id !== person.id)))}
            onRenamed={() => void people.refetch()}
          />
        ))}
      </ul>
    </div>
  );
}
