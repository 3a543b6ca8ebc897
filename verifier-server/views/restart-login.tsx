import { CsrfField } from './page-layout';

/** "Opnieuw inloggen": a POST (it ends the half-logged-in session), shown as a link inside another form. */
export function RestartButton({ label }: { readonly label: string }) {
  return (
    <button type="submit" class="link" form="restart">
      {label}
    </button>
  );
}

/** The form RestartButton submits; placed outside the page's main form (forms cannot nest). */
export function RestartForm({ csrf }: { readonly csrf: string }) {
  return (
    <form id="restart" method="post" action="/login/restart">
      <CsrfField token={csrf} />
    </form>
  );
}
