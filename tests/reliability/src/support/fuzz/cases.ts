/**
 * Builds the requests for one endpoint from its fields: good requests, requests with one thing wrong
 * (a field, the path id, a query parameter), and bodies of the wrong shape altogether.
 */
import fc from 'fast-check';
import { Field, goodRecord, judgeRecord, mostlyRefused, mutatedRecord, Verdict, weighted, worst } from './fields';
import type { Draft } from './runner';

const JSON_TYPE = 'application/json';

interface Shape {
  text: string;
  contentType: string;
  /** Refused whatever the endpoint; otherwise an endpoint without required fields may take it as empty. */
  alwaysRefused: boolean;
}

/** Bodies that are not a JSON object at all, or not JSON, or too large. */
const SHAPES: Shape[] = [
  { text: '[]', contentType: JSON_TYPE, alwaysRefused: false },
  { text: 'null', contentType: JSON_TYPE, alwaysRefused: false },
  { text: '', contentType: JSON_TYPE, alwaysRefused: true },
  { text: '5', contentType: JSON_TYPE, alwaysRefused: true },
  { text: '"text"', contentType: JSON_TYPE, alwaysRefused: true },
  { text: '{', contentType: JSON_TYPE, alwaysRefused: true },
  { text: '{"title": "x",', contentType: JSON_TYPE, alwaysRefused: true },
  { text: '{"__proto__": {"isAdmin": true}}', contentType: JSON_TYPE, alwaysRefused: true },
  { text: '{"constructor": {"prototype": {"isAdmin": true}}}', contentType: JSON_TYPE, alwaysRefused: true },
  { text: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, contentType: JSON_TYPE, alwaysRefused: true },
  { text: JSON.stringify({ padding: 'x'.repeat(1_100_000) }), contentType: JSON_TYPE, alwaysRefused: true },
  { text: '<commitment/>', contentType: 'application/xml', alwaysRefused: true },
  { text: '{"title": "sent as text"}', contentType: 'text/plain', alwaysRefused: false },
];

export interface EndpointFields {
  body?: Record<string, Field>;
  /** The :id in the path. */
  path?: Field;
  /** The route's other path parameters, by name (`:documentId`, `:number`…); a bad one is named like a bad :id. */
  params?: Record<string, Field>;
  query?: Record<string, Field>;
  /** Client addresses to spread requests over (for endpoints throttled per address). */
  remoteAddresses?: readonly string[];
}

interface Part {
  verdict: Verdict;
  culprits: string[];
}

function storedTexts(fields: Record<string, Field>, body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const stored: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = (body as Record<string, unknown>)[name];
    if (field.stored && typeof value === 'string' && field.judge(value) === 'accept') {
      stored[name] = field.stored === 'trimmed' ? value.trim() : value;
    }
  }
  return stored;
}

function bodyPart(fields: Record<string, Field>, body: Record<string, unknown>): Part & { body: unknown; stored: Record<string, string> } {
  const judged = judgeRecord(fields, body);
  return { body, ...judged, stored: judged.verdict === 'reject' ? {} : storedTexts(fields, body) };
}

function shapePart(fields: Record<string, Field>): fc.Arbitrary<Part & { raw: Draft['raw']; stored: Record<string, string> }> {
  const noneRequired = Object.values(fields).every((field) => !field.required);
  return fc.constantFrom(...SHAPES).map((shape) => ({
    raw: { text: shape.text, contentType: shape.contentType },
    verdict: shape.alwaysRefused || !noneRequired ? 'reject' : 'either',
    culprits: ['body'],
    stored: {},
  }));
}

/** The path parameters, `:id` included; when `mutate`, one of them (any) is changed. */
function pathPart(spec: EndpointFields, mutate: boolean): fc.Arbitrary<Part & { path?: string; params?: Record<string, string> }> {
  const fields: Record<string, Field> = { ...(spec.path ? { id: spec.path } : {}), ...spec.params };
  const names = Object.keys(fields);
  if (names.length === 0) return fc.constant({ verdict: 'accept' as Verdict, culprits: [] });
  const changed = mutate ? fc.constantFrom(...names) : fc.constant(undefined);
  return changed.chain((name) =>
    fc.tuple(...names.map((n) => (n === name ? mostlyRefused(fields[n]) : fields[n].good))).map((values) => {
      const sent = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
      const verdict = worst(names.map((n, i) => fields[n].judge(values[i])));
      const params = Object.fromEntries(names.map((n, i) => [n, sent[i]]).filter(([n]) => n !== 'id'));
      return {
        path: spec.path ? sent[names.indexOf('id')] : undefined,
        params: spec.params ? params : undefined,
        verdict,
        culprits: verdict === 'reject' ? ['id'] : [],
      };
    }),
  );
}

function queryPart(query: Record<string, Field> | undefined, mutate: boolean): fc.Arbitrary<Part & { query?: Record<string, string> }> {
  if (!query) return fc.constant({ verdict: 'accept' as Verdict, culprits: [] });
  // A query string carries UTF-8 text only: other values are sent (and judged) as their JSON text, and a lone
  // surrogate arrives as U+FFFD.
  const sent = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('utf8');
  return (mutate ? mutatedRecord(query).map((m) => m.body) : goodRecord(query)).map((values) => {
    const strings = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, sent(v)]));
    const judged = judgeRecord(query, strings);
    return { query: strings, verdict: judged.verdict, culprits: judged.culprits.map((c) => `query.${c}`) };
  });
}

type Aspect = 'none' | 'body' | 'shape' | 'path' | 'query';

/** Requests for an endpoint: some untouched, most with one aspect changed (usually to something the API must refuse). */
export function endpointCases(spec: EndpointFields): fc.Arbitrary<Draft> {
  const aspects: { arbitrary: fc.Arbitrary<Aspect>; weight: number }[] = [{ arbitrary: fc.constant<Aspect>('none'), weight: 2 }];
  if (spec.body && Object.keys(spec.body).length > 0) aspects.push({ arbitrary: fc.constant<Aspect>('body'), weight: 7 });
  if (spec.body) aspects.push({ arbitrary: fc.constant<Aspect>('shape'), weight: 1 });
  if (spec.path || spec.params) aspects.push({ arbitrary: fc.constant<Aspect>('path'), weight: 1 });
  if (spec.query) aspects.push({ arbitrary: fc.constant<Aspect>('query'), weight: 2 });
  const address = spec.remoteAddresses ? fc.constantFrom(...spec.remoteAddresses) : fc.constant(undefined);

  return weighted(...aspects).chain((aspect) => {
    const body: fc.Arbitrary<Part & { body?: unknown; raw?: Draft['raw']; stored: Record<string, string> }> = !spec.body
      ? fc.constant({ verdict: 'accept' as Verdict, culprits: [], stored: {} })
      : aspect === 'shape'
        ? shapePart(spec.body)
        : aspect === 'body'
          ? mutatedRecord(spec.body).map((m) => bodyPart(spec.body ?? {}, m.body))
          : goodRecord(spec.body).map((b) => bodyPart(spec.body ?? {}, b));
    return fc
      .tuple(body, pathPart(spec, aspect === 'path'), queryPart(spec.query, aspect === 'query'), address)
      .map(([b, p, q, remoteAddress]): Draft => {
        const verdict = worst([b.verdict, p.verdict, q.verdict]);
        return {
          verdict,
          culprits: [...b.culprits, ...p.culprits, ...q.culprits],
          path: p.path,
          params: p.params,
          query: q.query,
          body: b.body,
          raw: b.raw,
          stored: verdict === 'reject' ? {} : b.stored,
          remoteAddress,
        };
      });
  });
}
