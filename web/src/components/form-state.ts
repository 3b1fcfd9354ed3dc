import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { apiFormErrors, type FieldErrors } from './form-errors.ts';

export interface FormStateOptions {
  /** Field keys are whole paths (`deadlineDays.A`), not first segments; see `apiFormErrors`. */
  fullPath?: boolean;
  /** Rewords errors before they are shown (client-side and server-side alike). */
  adjust?: (errors: FieldErrors) => FieldErrors;
}

/**
 * The state of a form that writes to the API: the messages under its fields, a sentence for the form as a
 * whole, and whether a write is under way (the submit button is disabled meanwhile). A failed write's
 * problem is split between the fields named in `fields` and the sentence by `apiFormErrors`.
 */
export class FormState implements ReactiveController {
  /** Messages under the fields, by field key (use with `fieldError` and `errorSummary`). */
  errors: FieldErrors = {};
  /** A sentence for the form as a whole, '' when there is none. */
  message = '';
  busy = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fields: readonly string[],
    private readonly options: FormStateOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Clears every error, e.g. when the form opens or is submitted again. */
  reset(): void {
    this.errors = {};
    this.message = '';
    this.host.requestUpdate();
  }

  /** Shows errors found before anything is sent (client-side validation). */
  invalid(errors: FieldErrors): void {
    this.errors = this.options.adjust?.(errors) ?? errors;
    this.host.requestUpdate();
  }

  /** Runs `write` while `busy`; when it fails, its errors are shown under the fields and in the sentence. */
  async submit(write: () => Promise<void>): Promise<void> {
    this.errors = {};
    this.busy = true;
    this.host.requestUpdate();
    try {
      await write();
    } catch (err) {
      const { fields, message } = apiFormErrors(err, this.fields, { fullPath: this.options.fullPath });
      this.errors = this.options.adjust?.(fields) ?? fields;
      this.message = message;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
