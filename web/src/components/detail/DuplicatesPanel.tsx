/** Other items that duplicate this one, exactly or nearly, with their distance. */
import { DUPLICATES_OF } from '../../api/documents';
import { useQuery } from '../../hooks/useQuery';
import { ErrorMessage, Spinner } from '../feedback';
import { MediaCard } from '../MediaCard';

export function DuplicatesPanel({ mediaId }: { mediaId: string }) {
  const { data, error, loading, refetch } = useQuery(DUPLICATES_OF, { mediaId });
  if (loading && !data) return <Spinner label="Looking for duplicates" />;
  if (error) return <ErrorMessage error={error} onRetry={() => void refetch()} title="Could not look for duplicates" />;
  const duplicates = data?.duplicatesOf ?? [];
  if (duplicates.length === 0) return <p className="muted">No duplicates in your library.</p>;
  return (
    <ul className="grid grid--small" data-testid="duplicates">
      {duplicates.map((d) => (
        <li key={d.media.id}>
          <p className="small">
            <span className="badge">{d.kind === 'EXACT' ? 'Exact copy' : `Near (distance ${d.distance})`}</span>
          </p>
          <MediaCard media={d.media} />
        </li>
      ))}
    </ul>
  );
}
