/**
 * Sign in: with the local issuer, a user name and a role (the user pool's groups); with a Cognito
 * user pool, the hosted UI.
 */
import { useState, type FormEvent } from 'react';
import type { AppConfig } from '../api/config';
import { beginHostedUi, signInLocal, type Session } from '../api/session';
import { ErrorMessage, Spinner } from '../components/feedback';

const ROLE_HELP: Readonly<Record<string, string>> = {
  viewer: 'browse and search',
  editor: 'upload, tag and edit',
  admin: 'everything, including operations',
};

export function SignInPage({ config, onSignedIn, initialError }: { config: AppConfig; onSignedIn: (session: Session) => void; initialError?: string | null }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState('editor');
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signInLocal(config, username.trim(), role ? [role] : []));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="signin" tabIndex={-1}>
      <div className="signin__card">
        <img src={`${import.meta.env.BASE_URL}icon.svg`} alt="" width={56} height={56} />
        <h1>Mediagraph</h1>
        <p className="muted">Your media library, analysed and tagged as it arrives.</p>
        {error ? <ErrorMessage error={error} title="Could not sign in" /> : null}
        {config.auth.kind === 'local' ? (
          <form onSubmit={submit} className="form" aria-label="Sign in">
            <label className="field">
              <span>User name</span>
              <input name="username" autoComplete="username" required minLength={1} maxLength={128} value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
            </label>
            <fieldset className="field">
              <legend>Role</legend>
              <div className="segmented">
                {[...config.auth.groups, ''].map((group) => (
                  <label key={group || 'none'} className="segmented__option">
                    <input type="radio" name="role" value={group} checked={role === group} onChange={() => setRole(group)} />
                    <span>{group ? group.charAt(0).toUpperCase() + group.slice(1) : 'No role'}</span>
                  </label>
                ))}
              </div>
              <small className="muted">{role ? `Can ${ROLE_HELP[role] ?? 'use the groups it grants'}.` : 'Your own media only.'}</small>
            </fieldset>
            <button type="submit" className="button button--primary button--block" disabled={busy || username.trim() === ''}>
              {busy ? <Spinner label="Signing in" /> : null} Sign in
            </button>
            <p className="muted small">This is the local development issuer: it signs whoever asks, and only listens on this machine.</p>
          </form>
        ) : config.auth.hostedUiDomain ? (
          <button type="button" className="button button--primary button--block" onClick={() => void beginHostedUi(config).catch((e: Error) => setError(e.message))}>
            Sign in with Amazon Cognito
          </button>
        ) : (
          <ErrorMessage title="No sign-in configured" error="This user pool has no hosted UI domain; set COGNITO_HOSTED_UI_DOMAIN (or the stack's HostedUiDomain output)." />
        )}
      </div>
    </main>
  );
}
