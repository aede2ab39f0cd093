/** The state a server-rendered form carries between a failed post and the page shown again. */

/** What a form shows again after a failed post: the values typed (never passwords) and one error per field. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** A form with nothing typed yet and no errors, optionally pre-filled. */
export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });
