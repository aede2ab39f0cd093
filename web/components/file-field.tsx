/** The file upload shared by the forms that check what a candidate brings. */

/** The optional file upload beside the paste box of the verifier and role-fit forms. */
export function FileField() {
  return (
    <>
      <label for="file">
        Or upload a file
        <span class="hint" id="file-hint">
          A .jwt, .json or .txt file, up to 1 MB.
        </span>
      </label>
      <input id="file" name="file" type="file" accept=".jwt,.json,.txt" aria-describedby="file-hint" />
    </>
  );
}
