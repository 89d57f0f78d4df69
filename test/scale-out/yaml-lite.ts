/**
 * A YAML subset parser, enough for the project's compose file and manifests
 * (no `yaml` package is installed): block mappings and sequences, plain and
 * quoted scalars, flow `[…]`/`{…}`, `|`/`>` block scalars, comments, `---`
 * documents. Anchors, aliases and tags are refused, not guessed.
 */
type Value = unknown;
interface Line {
  indent: number;
  text: string;
  no: number;
}

/** Parses every document of `source`. */
export function parseYamlDocuments(source: string): Value[] {
  const docs: Line[][] = [[]];
  source.split('\n').forEach((raw, i) => {
    if (/^---\s*$/.test(raw)) return docs.push([]);
    docs.at(-1)!.push({ indent: raw.length - raw.trimStart().length, text: raw.trimEnd(), no: i + 1 });
  });
  return docs.filter((lines) => lines.some(isContent)).map((lines) => new Parser(lines).parse());
}

export function parseYaml(source: string): Value {
  return parseYamlDocuments(source)[0];
}

const isContent = (l: Line) => l.text.trim() !== '' && !l.text.trim().startsWith('#');

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  parse(): Value {
    this.skip();
    return this.block(this.lines[this.i]?.indent ?? 0);
  }

  private skip() {
    while (this.i < this.lines.length && !isContent(this.lines[this.i]!)) this.i++;
  }

  private fail(message: string): never {
    throw new Error(`YAML line ${this.lines[this.i]?.no ?? '?'}: ${message}`);
  }

  private block(indent: number): Value {
    const line = this.lines[this.i];
    if (!line) return null;
    const text = line.text.trim();
    return text === '-' || text.startsWith('- ') ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): Value[] {
    const out: Value[] = [];
    while (this.i < this.lines.length) {
      this.skip();
      const line = this.lines[this.i];
      if (!line || line.indent !== indent || !/^-( |$)/.test(line.text.trim())) break;
      const rest = line.text.trim().slice(1).trimStart();
      if (rest === '') {
        this.i++;
        this.skip();
        out.push(this.block(this.lines[this.i]!.indent));
      } else if (/^[^'"[{][^:]*:( |$)/.test(rest) || /^["'][^"']*["']:( |$)/.test(rest)) {
        // `- key: value` opens a mapping whose keys sit where `key` does.
        this.lines[this.i] = { ...line, indent: indent + 2, text: ' '.repeat(indent + 2) + rest };
        out.push(this.mapping(indent + 2));
      } else {
        this.i++;
        out.push(this.inline(stripComment(rest), indent));
      }
    }
    return out;
  }

  private mapping(indent: number): Record<string, Value> {
    const out: Record<string, Value> = {};
    while (this.i < this.lines.length) {
      this.skip();
      const line = this.lines[this.i];
      if (!line || line.indent !== indent) {
        if (line && line.indent > indent) this.fail('unexpected indentation');
        break;
      }
      const m = /^("[^"]*"|'[^']*'|[^:#]+?):(?:\s+(.*))?$/.exec(line.text.trim());
      if (!m) this.fail(`expected "key: value", got "${line.text.trim()}"`);
      const key = String(scalar(m[1]!));
      if (key === '<<') this.fail('merge keys are not supported');
      this.i++;
      const rest = stripComment(m[2] ?? '');
      if (rest !== '') out[key] = this.inline(rest, indent);
      else {
        this.skip();
        const next = this.lines[this.i];
        const nested = next && (next.indent > indent || (next.indent === indent && /^-( |$)/.test(next.text.trim())));
        out[key] = nested ? this.block(next.indent) : null;
      }
    }
    return out;
  }

  /** A value on the same line as its key or dash. */
  private inline(text: string, indent: number): Value {
    if (/^[&*!]/.test(text)) this.fail(`anchors, aliases and tags are not supported: ${text}`);
    const block = /^([|>])([+-]?)$/.exec(text);
    if (block) return this.blockScalar(block[1] === '>', block[2]!, indent);
    if (text.startsWith('[') || text.startsWith('{')) {
      const flow = new Flow(text);
      const value = flow.value();
      if (!flow.done()) this.fail(`trailing text after a flow collection: ${text}`);
      return value;
    }
    return scalar(text);
  }

  private blockScalar(folded: boolean, chomp: string, parentIndent: number): string {
    const body: string[] = [];
    let indent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.text.trim() !== '') {
        if (indent < 0) indent = line.indent;
        if (line.indent < indent || line.indent <= parentIndent) break;
      }
      body.push(line.text.slice(Math.max(indent, 0)));
      this.i++;
    }
    while (body.length && body.at(-1) === '') body.pop();
    const text = folded ? body.join(' ') : body.join('\n');
    return chomp === '-' ? text : `${text}\n`;
  }
}

/** `[a, "b", {c: 1}]` and `{a: 1, b: [x]}`. */
class Flow {
  private at = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    this.space();
    return this.at >= this.s.length || this.s[this.at] === '#';
  }

  value(): Value {
    this.space();
    const c = this.s[this.at];
    if (c === '[') return this.list();
    if (c === '{') return this.map();
    const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,\]}]*)/.exec(this.s.slice(this.at))!;
    this.at += m[0].length;
    return scalar(m[0].trim());
  }

  private list(): Value[] {
    const out: Value[] = [];
    this.at++;
    while (this.space(), this.s[this.at] !== ']') {
      if (this.at >= this.s.length) throw new Error(`unterminated flow sequence: ${this.s}`);
      out.push(this.value());
      this.space();
      if (this.s[this.at] === ',') this.at++;
    }
    this.at++;
    return out;
  }

  private map(): Record<string, Value> {
    const out: Record<string, Value> = {};
    this.at++;
    while (this.space(), this.s[this.at] !== '}') {
      const m = /^("[^"]*"|'[^']*'|[^:,}]+):\s*/.exec(this.s.slice(this.at));
      if (!m) throw new Error(`bad flow mapping: ${this.s}`);
      this.at += m[0].length;
      out[String(scalar(m[1]!.trim()))] = this.value();
      this.space();
      if (this.s[this.at] === ',') this.at++;
    }
    this.at++;
    return out;
  }

  private space() {
    while (this.s[this.at] === ' ') this.at++;
  }
}

/** Drops a trailing ` # comment`, never one inside quotes. */
function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trim();
  }
  return text.trim();
}

/** YAML 1.2 core schema for plain scalars; quoted ones stay strings. */
function scalar(text: string): Value {
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === '' || text === '~' || text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}
