// A small SOQL parser and evaluator for the query shapes Leadwire issues (research/salesforce.md §2.2, §2.5):
// SELECT fields FROM object [WHERE conditions] [ORDER BY field [ASC|DESC]] [LIMIT n], where conditions are
// comparisons (=, !=, <, >, <=, >=, IN (…), NOT IN (…), LIKE) joined by AND / OR / NOT with parentheses, and
// values are quoted strings (backslash escapes), numbers, true / false / null, or a semi-join sub-select.

export type SoqlValue = string | number | boolean | null;

export type SoqlCondition =
  | { kind: 'and' | 'or'; left: SoqlCondition; right: SoqlCondition }
  | { kind: 'not'; inner: SoqlCondition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE'; value: SoqlValue }
  | { kind: 'in'; field: string; negated: boolean; values: SoqlValue[] | SoqlQuery };

export interface SoqlQuery {
  fields: string[];
  object: string;
  where?: SoqlCondition;
  orderBy?: { field: string; descending: boolean };
  limit?: number;
}

export class SoqlError extends Error {
  override readonly name = 'SoqlError';
}

type Token =
  | { type: 'word'; text: string }
  | { type: 'string'; text: string }
  | { type: 'number'; value: number }
  | { type: 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new SoqlError('unterminated string literal');
        const ch = source[i] as string;
        if (ch === '\\') {
          const next = source[i + 1];
          if (next === undefined) throw new SoqlError('bad escape');
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          text += ch;
          i++;
        }
      }
      tokens.push({ type: 'string', text });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i));
      if (match === null) throw new SoqlError(`bad number at ${i}`);
      tokens.push({ type: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i));
      if (match === null) throw new SoqlError(`bad identifier at ${i}`);
      tokens.push({ type: 'word', text: match[0] });
      i += match[0].length;
    } else {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=' || two === '<>') {
        tokens.push({ type: 'punct', text: two === '<>' ? '!=' : two });
        i += 2;
      } else if ('(),=<>'.includes(c)) {
        tokens.push({ type: 'punct', text: c });
        i++;
      } else throw new SoqlError(`unexpected character '${c}' at ${i}`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
  private next(): Token {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new SoqlError('unexpected end of query');
    return token;
  }
  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toUpperCase() === word;
  }
  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw new SoqlError(`expecting ${word}`);
    this.position++;
  }
  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.type === 'punct' && token.text === text;
  }
  private expectPunct(text: string): void {
    if (!this.isPunct(text)) throw new SoqlError(`expecting '${text}'`);
    this.position++;
  }
  private identifier(): string {
    const token = this.next();
    if (token.type !== 'word') throw new SoqlError('expecting a field or object name');
    return token.text;
  }

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  query(): SoqlQuery {
    this.expectKeyword('SELECT');
    const fields = [this.identifier()];
    while (this.isPunct(',')) {
      this.position++;
      fields.push(this.identifier());
    }
    this.expectKeyword('FROM');
    const query: SoqlQuery = { fields, object: this.identifier() };
    if (this.isKeyword('WHERE')) {
      this.position++;
      query.where = this.orExpression();
    }
    if (this.isKeyword('ORDER')) {
      this.position++;
      this.expectKeyword('BY');
      const field = this.identifier();
      let descending = false;
      if (this.isKeyword('DESC')) {
        descending = true;
        this.position++;
      } else if (this.isKeyword('ASC')) this.position++;
      query.orderBy = { field, descending };
    }
    if (this.isKeyword('LIMIT')) {
      this.position++;
      const token = this.next();
      if (token.type !== 'number' || !Number.isInteger(token.value) || token.value < 0)
        throw new SoqlError('LIMIT needs a non-negative integer');
      query.limit = token.value;
    }
    return query;
  }

  private orExpression(): SoqlCondition {
    let left = this.andExpression();
    while (this.isKeyword('OR')) {
      this.position++;
      left = { kind: 'or', left, right: this.andExpression() };
    }
    return left;
  }

  private andExpression(): SoqlCondition {
    let left = this.unary();
    while (this.isKeyword('AND')) {
      this.position++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): SoqlCondition {
    if (this.isKeyword('NOT')) {
      this.position++;
      return { kind: 'not', inner: this.unary() };
    }
    if (this.isPunct('(')) {
      this.position++;
      const inner = this.orExpression();
      this.expectPunct(')');
      return inner;
    }
    return this.comparison();
  }

  private value(): SoqlValue {
    const token = this.next();
    if (token.type === 'string') return token.text;
    if (token.type === 'number') return token.value;
    if (token.type === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    throw new SoqlError('expecting a value');
  }

  private comparison(): SoqlCondition {
    const field = this.identifier();
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.position++;
      negated = true;
      if (!this.isKeyword('IN')) throw new SoqlError('expecting IN after NOT');
    }
    if (this.isKeyword('IN')) {
      this.position++;
      this.expectPunct('(');
      if (this.isKeyword('SELECT')) {
        const sub = this.query();
        this.expectPunct(')');
        return { kind: 'in', field, negated, values: sub };
      }
      const values = [this.value()];
      while (this.isPunct(',')) {
        this.position++;
        values.push(this.value());
      }
      this.expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    if (this.isKeyword('LIKE')) {
      this.position++;
      return { kind: 'compare', field, op: 'LIKE', value: this.value() };
    }
    const token = this.next();
    if (token.type !== 'punct' || !['=', '!=', '<', '>', '<=', '>='].includes(token.text))
      throw new SoqlError(`expecting an operator after ${field}`);
    return {
      kind: 'compare',
      field,
      op: token.text as '=' | '!=' | '<' | '>' | '<=' | '>=',
      value: this.value(),
    };
  }
}

export function parseSoql(source: string): SoqlQuery {
  const parser = new Parser(tokenize(source));
  const query = parser.query();
  if (!parser.done()) throw new SoqlError('unexpected text after the query');
  return query;
}

export type Row = Record<string, unknown>;

/** A field of a row, following `Parent.Field` relationship paths through `resolve`. */
export function fieldOf(
  row: Row,
  path: string,
  resolve?: (row: Row, relationship: string) => Row | undefined,
) {
  const parts = path.split('.');
  let current: Row | undefined = row;
  for (const [index, part] of parts.entries()) {
    if (current === undefined) return undefined;
    if (index === parts.length - 1) {
      const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
      return key === undefined ? undefined : current[key];
    }
    current = resolve?.(current, part);
  }
  return undefined;
}

function compare(left: unknown, op: string, right: SoqlValue): boolean {
  const l = left === undefined ? null : left;
  // SOQL compares text case-insensitively (except case-sensitive external ids, which Leadwire keys never rely on)
  const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  switch (op) {
    case '=':
      return norm(l) === norm(right);
    case '!=':
      return norm(l) !== norm(right);
    case 'LIKE': {
      if (typeof l !== 'string' || typeof right !== 'string') return false;
      const pattern = right
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.');
      return new RegExp(`^${pattern}$`, 'i').test(l);
    }
    default: {
      if (l === null || right === null) return false;
      const a = l as string | number;
      const b = right as string | number;
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
  }
}

export interface SoqlSource {
  rows(object: string): Row[] | undefined;
  resolve?(row: Row, relationship: string): Row | undefined;
  /** throws a SoqlError for a field the object lacks or the user may not read (Salesforce: INVALID_FIELD) */
  checkField?(object: string, path: string): void;
}

/** The fields a condition names on its own object (semi-join sub-selects are checked when they run). */
function conditionFields(condition: SoqlCondition): string[] {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...conditionFields(condition.left), ...conditionFields(condition.right)];
    case 'not':
      return conditionFields(condition.inner);
    default:
      return [condition.field];
  }
}

export function matches(row: Row, condition: SoqlCondition, source: SoqlSource): boolean {
  switch (condition.kind) {
    case 'and':
      return matches(row, condition.left, source) && matches(row, condition.right, source);
    case 'or':
      return matches(row, condition.left, source) || matches(row, condition.right, source);
    case 'not':
      return !matches(row, condition.inner, source);
    case 'compare':
      return compare(fieldOf(row, condition.field, source.resolve), condition.op, condition.value);
    case 'in': {
      const values = Array.isArray(condition.values)
        ? condition.values
        : runSoql(condition.values, source).map((r) => {
            const sub = condition.values as SoqlQuery;
            return fieldOf(r, sub.fields[0] as string, source.resolve) as SoqlValue;
          });
      const value = fieldOf(row, condition.field, source.resolve);
      const found = values.some((v) => compare(value, '=', v));
      return condition.negated ? !found : found;
    }
  }
}

/** The rows a query selects (all their fields; projection is the caller's). */
export function runSoql(query: SoqlQuery, source: SoqlSource): Row[] {
  const rows = source.rows(query.object);
  if (rows === undefined) throw new SoqlError(`sObject type '${query.object}' is not supported.`);
  const named = [
    ...query.fields,
    ...(query.where === undefined ? [] : conditionFields(query.where)),
    ...(query.orderBy === undefined ? [] : [query.orderBy.field]),
  ];
  for (const field of named) source.checkField?.(query.object, field);
  let selected = rows.filter((row) => query.where === undefined || matches(row, query.where, source));
  if (query.orderBy !== undefined) {
    const { field, descending } = query.orderBy;
    selected = [...selected].sort((a, b) => {
      const x = fieldOf(a, field, source.resolve) as string | number;
      const y = fieldOf(b, field, source.resolve) as string | number;
      const order =
        x === y ? 0 : x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
      return descending ? -order : order;
    });
  }
  return query.limit === undefined ? selected : selected.slice(0, query.limit);
}
