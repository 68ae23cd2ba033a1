/** HTML built only through `html`, which escapes every interpolated value unless it is Markup. */

/** A fragment of HTML that is already safe to insert: made by `html` or, for constants, `trusted`. */
export class Markup {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  toString(): string {
    return this.#text;
  }
}

/** What `html` accepts between its literal parts; absent values render as nothing. */
export type MarkupValue = Markup | string | number | boolean | null | undefined | readonly MarkupValue[];

const SPECIAL = /[&<>"']/;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  // Most values need no escape: a test costs less than a replace that copies them.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/**
 * Template tag: report data (names, details, ARNs, justifications) may hold `<` or quotes, so
 * every value is escaped unless it is Markup built the same way. `false`, null and undefined
 * render as nothing, so `condition && html\`…\`` reads naturally.
 */
export function html(strings: TemplateStringsArray, ...values: readonly MarkupValue[]): Markup {
  let text = strings[0] ?? '';
  values.forEach((value, position) => {
    text += render(value) + (strings[position + 1] ?? '');
  });
  return new Markup(text);
}

/** Markup from a constant written in this folder (the style sheet, the filter script); never from data. */
export function trusted(text: string): Markup {
  return new Markup(text);
}

function render(value: MarkupValue): string {
  if (value instanceof Markup) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}
