/** The OData subset the Graph stand-in understands on `/issues`: `$filter`, `$top`, `$skip`, `Prefer: odata.maxpagesize`. Pure. */
import type { SeedIssue } from './graphSeed';

/** A query the stand-in rejects with 400, as Graph would. */
export class ODataQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataQueryError';
  }
}

type Operator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type StringField = 'service' | 'classification' | 'status' | 'origin' | 'id';
type DateField = 'lastModifiedDateTime' | 'startDateTime' | 'endDateTime';

export type FilterClause =
  | { field: 'isResolved'; op: 'eq' | 'ne'; value: boolean }
  | { field: StringField; op: 'eq' | 'ne'; value: string }
  | { field: DateField; op: Operator; value: number };

const STRING_FIELDS: readonly string[] = ['service', 'classification', 'status', 'origin', 'id'];
const DATE_FIELDS: readonly string[] = ['lastModifiedDateTime', 'startDateTime', 'endDateTime'];
const CLAUSE = /^\s*\(?\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+((?:[\w.]+)?'(?:[^']|'')*'|[^\s)]+)\s*\)?\s*(?:and\s+|$)/i;

function canonicalField(name: string): string | undefined {
  return ['isResolved', ...STRING_FIELDS, ...DATE_FIELDS].find((field) => field.toLowerCase() === name.toLowerCase());
}

/** `'x'`, `microsoft.graph.serviceHealthStatus'x'` → `x` (doubled quotes unescaped). */
function unquote(literal: string): string | undefined {
  const match = /^(?:[\w.]+)?'((?:[^']|'')*)'$/.exec(literal);
  return match?.[1]?.replace(/''/g, "'");
}

function parseClause(field: string, op: Operator, literal: string): FilterClause {
  if (field === 'isResolved') {
    if ((op !== 'eq' && op !== 'ne') || !/^(true|false)$/i.test(literal)) throw new ODataQueryError(`Invalid filter clause on isResolved: ${literal}`);
    return { field, op, value: literal.toLowerCase() === 'true' };
  }
  if (STRING_FIELDS.includes(field)) {
    const value = unquote(literal);
    if (value === undefined || (op !== 'eq' && op !== 'ne')) throw new ODataQueryError(`Invalid filter clause on ${field}: ${literal}`);
    return { field: field as StringField, op, value };
  }
  const instant = Date.parse(unquote(literal) ?? literal);
  if (Number.isNaN(instant)) throw new ODataQueryError(`Invalid DateTimeOffset literal: ${literal}`);
  return { field: field as DateField, op, value: instant };
}

/** Parses `a eq 'x' and b ge 2024-05-01T00:00:00Z`; throws ODataQueryError on anything else. */
export function parseFilter(expression: string): FilterClause[] {
  const clauses: FilterClause[] = [];
  let rest = expression.trim();
  while (rest.length > 0) {
    const match = CLAUSE.exec(rest);
    const field = match?.[1] ? canonicalField(match[1]) : undefined;
    if (!match || !field || !match[2] || !match[3]) throw new ODataQueryError(`Invalid filter clause: ${rest}`);
    clauses.push(parseClause(field, match[2].toLowerCase() as Operator, match[3]));
    rest = rest.slice(match[0].length);
  }
  return clauses;
}

function compare(actual: number, op: Operator, expected: number): boolean {
  switch (op) {
    case 'eq': return actual === expected;
    case 'ne': return actual !== expected;
    case 'gt': return actual > expected;
    case 'ge': return actual >= expected;
    case 'lt': return actual < expected;
    case 'le': return actual <= expected;
  }
}

function matchesClause(issue: SeedIssue, clause: FilterClause): boolean {
  switch (clause.field) {
    case 'isResolved':
      return (issue.isResolved === clause.value) === (clause.op === 'eq');
    case 'lastModifiedDateTime':
    case 'startDateTime':
    case 'endDateTime': {
      const raw = issue[clause.field];
      return raw !== null && compare(Date.parse(raw), clause.op, clause.value);
    }
    default:
      return (issue[clause.field].toLowerCase() === clause.value.toLowerCase()) === (clause.op === 'eq');
  }
}

export function applyFilter(issues: readonly SeedIssue[], clauses: readonly FilterClause[]): SeedIssue[] {
  return issues.filter((issue) => clauses.every((clause) => matchesClause(issue, clause)));
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** `Prefer: odata.maxpagesize=N` → N (1..1000), undefined when absent or invalid. */
export function preferredPageSize(prefer: string | undefined): number | undefined {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  const size = match?.[1] ? Number(match[1]) : undefined;
  return size !== undefined && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : undefined;
}

function nonNegativeInt(raw: string | null, name: string): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw new ODataQueryError(`Invalid value for ${name}: ${raw}`);
  return Number(raw);
}

export interface Page<T> {
  items: T[];
  /** Offset of the next page; undefined on the last page and whenever `$top` was given. */
  nextSkip?: number;
  pageSize: number;
}

/** Cuts one page: `$top` truncates with no next page, otherwise pages of `Prefer` size (default 100). */
export function paginate<T>(items: readonly T[], query: URLSearchParams, prefer: string | undefined): Page<T> {
  const skip = nonNegativeInt(query.get('$skip'), '$skip') ?? 0;
  const top = nonNegativeInt(query.get('$top'), '$top');
  const pageSize = preferredPageSize(prefer) ?? DEFAULT_PAGE_SIZE;
  if (top !== undefined) return { items: items.slice(skip, skip + Math.min(top, MAX_PAGE_SIZE)), pageSize };
  const end = skip + pageSize;
  return { items: items.slice(skip, end), pageSize, ...(end < items.length ? { nextSkip: end } : {}) };
}

/** An absolute next link: same path and query as the request, `$skip` replaced. */
export function nextLink(baseUrl: string, pathname: string, query: URLSearchParams, nextSkip: number): string {
  const next = new URLSearchParams(query);
  next.delete('$skip');
  next.append('$skip', String(nextSkip));
  return `${baseUrl}${pathname}?${next.toString().replace(/%24/g, '$')}`;
}
