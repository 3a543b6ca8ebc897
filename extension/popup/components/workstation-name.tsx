/** The workstation's name under the title, so staff pick the matching entry under "Kies uw authenticator". */
export function WorkstationName({ name }: { readonly name: string }) {
  if (name === '') return null;
  return (
    <p class="workstation" data-testid="workstation-name" dir="auto">
      {name}
    </p>
  );
}
