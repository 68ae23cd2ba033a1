/**
 * A small YAML reader for our own CloudFormation template, so tests can inspect it without a
 * YAML dependency. It knows block mappings and sequences, flow sequences, quoted and plain
 * scalars, folded/literal block scalars and the short-form intrinsic tags (`!Ref`, `!Sub`,
 * `!GetAtt`, …), which it turns into their JSON form (`{ Ref }`, `{ 'Fn::Sub' }`). Anything else
 * throws, so a template that outgrows it fails loudly instead of being misread.
 */

export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

interface Line {
  indent: number;
  text: string;
  number: number;
}

/** Parses the template text into plain objects with intrinsics in JSON form. */
export function loadCfnYaml(source: string): CfnValue {
  const raw = source.split('\n');
  const lines: Line[] = [];
  raw.forEach((text, index) => {
    const content = stripComment(text).trimEnd();
    if (content.trim())
      lines.push({
        indent: content.length - content.trimStart().length,
        text: content.trim(),
        number: index + 1,
      });
  });
  const reader = new BlockReader(lines, raw);
  const value = reader.block(0);
  if (!reader.done()) throw reader.error('unexpected content');
  return value;
}

class BlockReader {
  #position = 0;
  constructor(
    private readonly lines: Line[],
    private readonly raw: string[],
  ) {}

  done(): boolean {
    return this.#position >= this.lines.length;
  }

  error(message: string): Error {
    const line = this.lines[Math.min(this.#position, this.lines.length - 1)];
    return new Error(`template line ${line?.number ?? '?'}: ${message}`);
  }

  block(indent: number): CfnValue {
    const line = this.lines[this.#position];
    if (!line || line.indent < indent) return null;
    return isSequenceItem(line.text) ? this.sequence(line.indent) : this.mapping(line.indent);
  }

  mapping(indent: number): CfnValue {
    const result: Record<string, CfnValue> = {};
    for (
      let line = this.lines[this.#position];
      line && line.indent === indent;
      line = this.lines[this.#position]
    ) {
      if (isSequenceItem(line.text)) break;
      const [key, rest] = splitKey(line.text) ?? [];
      if (key === undefined) throw this.error(`expected "key: value", got "${line.text}"`);
      this.#position += 1;
      result[key] = this.value(rest ?? '', indent, line);
    }
    return result;
  }

  sequence(indent: number): CfnValue {
    const result: CfnValue[] = [];
    for (
      let line = this.lines[this.#position];
      line && line.indent === indent;
      line = this.lines[this.#position]
    ) {
      if (!isSequenceItem(line.text)) break;
      const rest = line.text.slice(1).trimStart();
      if (!rest) {
        this.#position += 1;
        result.push(this.block(indent + 1));
      } else if (splitKey(rest)) {
        // "- key: value" opens a mapping whose keys line up with "key".
        const offset = line.text.length - rest.length;
        this.lines[this.#position] = { ...line, indent: indent + offset, text: rest };
        result.push(this.mapping(indent + offset));
      } else {
        this.#position += 1;
        result.push(inlineValue(rest, (message) => this.error(message)));
      }
    }
    return result;
  }

  value(rest: string, indent: number, line: Line): CfnValue {
    if (/^[|>][+-]?$/.test(rest)) return this.blockScalar(rest, indent, line);
    if (rest) return inlineValue(rest, (message) => this.error(message));
    const next = this.lines[this.#position];
    if (next && (next.indent > indent || (next.indent === indent && isSequenceItem(next.text)))) {
      return this.block(next.indent);
    }
    return null;
  }

  blockScalar(indicator: string, indent: number, line: Line): CfnValue {
    const body: string[] = [];
    let index = line.number; // raw line after the key (0-based = number)
    while (index < this.raw.length) {
      const text = this.raw[index] ?? '';
      if (text.trim() && text.length - text.trimStart().length <= indent) break;
      body.push(text.trim());
      index += 1;
    }
    while (this.lines[this.#position] && (this.lines[this.#position]?.number ?? 0) <= index)
      this.#position += 1;
    const content = indicator.startsWith('>') ? body.filter(Boolean).join(' ') : body.join('\n');
    return indicator.endsWith('-') ? content.trimEnd() : `${content.trimEnd()}\n`;
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Splits `key: value` / `key:`; keys may hold colons (aws:SourceArn) but not ": ". */
function splitKey(text: string): [string, string] | undefined {
  if (/^['"[{!]/.test(text)) return undefined;
  const separator = text.indexOf(': ');
  if (separator > 0) return [text.slice(0, separator), text.slice(separator + 2).trim()];
  if (text.endsWith(':') && !text.includes(' ')) return [text.slice(0, -1), ''];
  return undefined;
}

function stripComment(text: string): string {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      if (index === 0 || /[\s:[,-]/.test(text[index - 1] ?? '')) quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      return text.slice(0, index);
    }
  }
  return text;
}

/** An inline value: tagged, flow sequence, quoted or plain scalar. */
function inlineValue(text: string, fail: (message: string) => Error): CfnValue {
  const parser = new FlowParser(text, fail);
  const value = parser.value([]);
  if (!parser.atEnd()) throw fail(`unexpected "${text}"`);
  return value;
}

class FlowParser {
  #index = 0;
  constructor(
    private readonly text: string,
    private readonly fail: (message: string) => Error,
  ) {}

  atEnd(): boolean {
    this.#skipSpaces();
    return this.#index >= this.text.length;
  }

  value(terminators: readonly string[]): CfnValue {
    this.#skipSpaces();
    const char = this.text[this.#index];
    if (char === '!') return this.#tagged(terminators);
    if (char === '[') return this.#sequence();
    if (char === '{') throw this.fail('flow mappings are not supported; use block style');
    if (char === "'" || char === '"') return this.#quoted(char);
    return this.#plain(terminators);
  }

  #tagged(terminators: readonly string[]): CfnValue {
    const match = /^!([A-Za-z]+)/.exec(this.text.slice(this.#index));
    if (!match?.[1]) throw this.fail('bad tag');
    this.#index += match[0].length;
    const name = match[1];
    const argument = this.value(terminators);
    // Ref and Condition keep their names in JSON form; every other tag becomes Fn::<name>.
    if (name === 'Ref' || name === 'Condition') return { [name]: argument };
    if (name === 'GetAtt' && typeof argument === 'string') {
      const dot = argument.indexOf('.');
      return { 'Fn::GetAtt': [argument.slice(0, dot), argument.slice(dot + 1)] };
    }
    return { [`Fn::${name}`]: argument };
  }

  #sequence(): CfnValue {
    this.#index += 1;
    const items: CfnValue[] = [];
    this.#skipSpaces();
    if (this.text[this.#index] === ']') {
      this.#index += 1;
      return items;
    }
    for (;;) {
      items.push(this.value([',', ']']));
      this.#skipSpaces();
      const char = this.text[this.#index];
      this.#index += 1;
      if (char === ']') return items;
      if (char !== ',') throw this.fail(`expected "," or "]" in "${this.text}"`);
    }
  }

  #quoted(quote: string): CfnValue {
    let result = '';
    for (this.#index += 1; this.#index < this.text.length; this.#index += 1) {
      const char = this.text[this.#index];
      if (char === quote) {
        // '' inside single quotes is one quote.
        if (quote === "'" && this.text[this.#index + 1] === "'") {
          result += "'";
          this.#index += 1;
          continue;
        }
        this.#index += 1;
        return result;
      }
      if (quote === '"' && char === '\\') throw this.fail('escapes in double quotes are not supported');
      result += char;
    }
    throw this.fail(`unterminated string in "${this.text}"`);
  }

  #plain(terminators: readonly string[]): CfnValue {
    let end = this.#index;
    while (end < this.text.length && !terminators.includes(this.text[end] ?? '')) end += 1;
    const token = this.text.slice(this.#index, end).trim();
    this.#index = end;
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null' || token === '~' || token === '') return null;
    if (/^-?\d+$/.test(token)) return Number(token);
    return token;
  }

  #skipSpaces(): void {
    while (this.text[this.#index] === ' ') this.#index += 1;
  }
}
