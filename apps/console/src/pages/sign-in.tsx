import { useRef, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api';
import { useRouter } from '../router';
import { useSession } from '../session';

/**
 * The API key is typed into this one field, sent once in the body of POST /v1/console/session and
 * cleared at once: it never goes into the URL, storage or a log. The session is a cookie.
 */
export function SignInPage() {
  const { signIn } = useSession();
  const { navigate, path } = useRouter();
  const keyField = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const field = keyField.current!;
    const apiKey = field.value.trim();
    field.value = '';
    if (!apiKey) {
      setError('Enter your API key.');
      field.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(apiKey);
      const home = session.role === 'operator' ? '/' : '/retailer';
      navigate(path === '/sign-in' ? home : path, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.kind === 'console-not-for-channels')
        setError('Channel keys cannot sign in to the console. Use an operator key or a retailer key.');
      else if (caught instanceof ApiError && caught.status === 401)
        setError(
          'This key was not accepted: it may be mistyped or revoked. ' +
            'Check it and try again, or ask the operator for a new one.',
        );
      else setError(describeError(caught));
      field.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" method="post" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <p className="brand brand-large">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{' '}
          Souk
        </p>
        <h1 id="sign-in-title">Sign in to the console</h1>
        <p className="hint">
          Operators use the operator key printed at the marketplace's first start; retailers use the key the operator
          gave them.
        </p>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            ref={keyField}
            name="souk-api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </div>
        {error ? (
          <p className="field-error" id="sign-in-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint small">Your key is exchanged for a session cookie and is not stored in this browser.</p>
      </form>
    </main>
  );
}
