import type {
  AgreementDto,
  AgreementSummaryDto,
  AnchorEventDto,
  CommitmentDetailDto,
  CommitmentSummaryDto,
  Page,
} from '@pactwatch/shared/contracts';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, created, signedIn } from './fixtures';

/*
 * @apidevtools/swagger-parser is not installed, so the document is checked in two ways:
 * 1. structurally, against the OpenAPI 3.0 rules that catch real mistakes (every $ref resolves,
 *    path parameters are declared, operation ids are unique, every operation has responses…);
 * 2. against the API itself: real responses are validated with ajv against the documented
 *    schemas, with additionalProperties closed, so an undocumented field fails the test.
 */

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), document);
}

/** Every structural problem of an OpenAPI 3.0 document (empty when it is valid). */
function openApiProblems(document: Json): string[] {
  const problems: string[] = [];
  if (typeof document['openapi'] !== 'string' || !/^3\.0\.\d+$/.test(document['openapi'])) problems.push('openapi must be 3.0.x');
  const info = document['info'] as Json | undefined;
  if (typeof info?.['title'] !== 'string' || typeof info?.['version'] !== 'string') problems.push('info needs title and version');

  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}/${index}`));
    if (!node || typeof node !== 'object') return;
    const object = node as Json;
    if (typeof object['$ref'] === 'string' && resolvePointer(document, object['$ref']) === undefined)
      problems.push(`${path}: unresolved $ref ${object['$ref']}`);
    for (const [key, value] of Object.entries(object)) walk(value, `${path}/${key}`);
  };
  walk(document, '#');

  const schemas = ((document['components'] as Json | undefined)?.['schemas'] ?? {}) as Record<string, Json>;
  const checkSchema = (schema: unknown, path: string) => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
    const s = schema as Json;
    if (s['type'] !== undefined && !TYPES.includes(s['type'] as string)) problems.push(`${path}: unknown type ${String(s['type'])}`);
    if (s['type'] === 'array' && !s['items']) problems.push(`${path}: array without items`);
    if (s['enum'] !== undefined && (!Array.isArray(s['enum']) || s['enum'].length === 0)) problems.push(`${path}: empty enum`);
    const properties = (s['properties'] ?? {}) as Record<string, unknown>;
    for (const name of (s['required'] as string[] | undefined) ?? []) {
      if (!(name in properties)) problems.push(`${path}: required ${name} is not a property`);
    }
    for (const [name, property] of Object.entries(properties)) checkSchema(property, `${path}.${name}`);
    if (s['items']) checkSchema(s['items'], `${path}[]`);
    for (const key of ['allOf', 'anyOf', 'oneOf'])
      for (const [i, part] of ((s[key] as unknown[]) ?? []).entries()) checkSchema(part, `${path}.${key}[${i}]`);
  };
  for (const [name, schema] of Object.entries(schemas)) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) problems.push(`schema name ${name}`);
    checkSchema(schema, name);
  }

  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries((document['paths'] ?? {}) as Record<string, Json>)) {
    if (!path.startsWith('/')) problems.push(`${path}: must start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const method of Object.keys(item).filter((key) => METHODS.includes(key))) {
      const operation = item[method] as Json;
      const where = `${method.toUpperCase()} ${path}`;
      const id = operation['operationId'] as string | undefined;
      if (!id) problems.push(`${where}: no operationId`);
      else if (operationIds.has(id)) problems.push(`${where}: duplicate operationId ${id}`);
      else operationIds.add(id);
      const responses = (operation['responses'] ?? {}) as Record<string, Json>;
      if (Object.keys(responses).length === 0) problems.push(`${where}: no responses`);
      for (const [code, response] of Object.entries(responses)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where}: bad response code ${code}`);
        const resolved = (typeof response['$ref'] === 'string' ? resolvePointer(document, response['$ref']) : response) as Json | undefined;
        if (typeof resolved?.['description'] !== 'string') problems.push(`${where} ${code}: response without description`);
      }
      const parameters = [...((item['parameters'] as Json[]) ?? []), ...((operation['parameters'] as Json[]) ?? [])];
      const seen = new Set<string>();
      for (const parameter of parameters) {
        const key = `${String(parameter['in'])}:${String(parameter['name'])}`;
        if (!['query', 'header', 'path', 'cookie'].includes(parameter['in'] as string))
          problems.push(`${where}: parameter ${key} has a bad "in"`);
        if (seen.has(key)) problems.push(`${where}: parameter ${key} twice`);
        seen.add(key);
        if (parameter['in'] === 'path' && parameter['required'] !== true)
          problems.push(`${where}: path parameter ${String(parameter['name'])} must be required`);
        if (!parameter['schema'] && !parameter['content']) problems.push(`${where}: parameter ${key} has no schema`);
        if (parameter['in'] === 'path' && !templated.includes(parameter['name'] as string))
          problems.push(`${where}: path parameter ${String(parameter['name'])} is not in the path`);
      }
      for (const name of templated) if (!seen.has(`path:${name}`)) problems.push(`${where}: {${name}} is not declared`);
      const body = operation['requestBody'] as Json | undefined;
      if (body && Object.keys((body['content'] as Json | undefined) ?? {}).length === 0)
        problems.push(`${where}: request body without content`);
    }
  }
  return problems;
}

/** OpenAPI 3.0 schema -> JSON Schema for ajv: `nullable` becomes a null type, objects are closed. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') continue;
    out[key] =
      key === 'properties' ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value);
  }
  if (out['type'] === 'object' && out['properties'] && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  if (source['nullable'] === true) {
    if (out['allOf'] || out['$ref'] || out['oneOf'] || out['anyOf']) {
      const { type: _type, ...rest } = out;
      return { anyOf: [rest, { type: 'null' }] };
    }
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  }
  return out;
}

describe('the OpenAPI document at /api/docs/openapi.json', () => {
  let t: TestApp;
  let api: Api;
  let admin: Api;
  let document: Json;
  let ajv: Ajv;

  const validator = (schema: string): ValidateFunction => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`);
    if (!validate) throw new Error(`No schema ${schema}`);
    return validate;
  };
  const expectValid = (schema: string, value: unknown) => {
    const validate = validator(schema);
    const valid = validate(value);
    expect({ schema, errors: valid ? null : validate.errors }).toEqual({ schema, errors: null });
  };
  const expectValidArray = (schema: string, values: unknown[]) => values.forEach((value) => expectValid(schema, value));

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    api = (await signedIn(t, 'analyst')).api;
    admin = (await signedIn(t, 'admin')).api;
    const response = await t.request({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schemas = toJsonSchema((document['components'] as Json)['schemas']) as Record<string, Json>;
    // RFC 9457 allows extension members (entity, id, report, …) in problem details.
    schemas['ProblemDetailsResponse']['additionalProperties'] = true;
    ajv.addSchema({ $id: 'openapi', components: { schemas } });
  });
  afterAll(() => t.close());

  it('is a structurally valid OpenAPI 3.0 document, every route included', () => {
    expect(openApiProblems(document)).toEqual([]);
  });

  it('documents every commitments route with its responses', () => {
    const paths = document['paths'] as Record<string, Json>;
    const expected: [string, string, string][] = [
      ['get', '/api/commitments', 'CommitmentPageResponse'],
      ['post', '/api/commitments', 'CommitmentDetailResponse'],
      ['get', '/api/commitments/{id}', 'CommitmentDetailResponse'],
      ['patch', '/api/commitments/{id}', 'CommitmentDetailResponse'],
      ['post', '/api/commitments/{id}/status-updates', 'CommitmentDetailResponse'],
      ['get', '/api/agreements/{id}', 'AgreementResponse'],
      ['patch', '/api/anchor-events/{id}', 'AnchorEventDetailResponse'],
      ['get', '/api/anchor-events/{id}/impact', 'AnchorImpactResponse'],
      ['get', '/api/dashboard/summary', 'DashboardSummaryResponse'],
      ['post', '/api/commitments/import.csv', 'ImportReportResponse'],
      ['get', '/api/audit', 'AuditPageResponse'],
    ];
    for (const [method, path, schema] of expected) {
      const operation = paths[path]?.[method] as Json | undefined;
      const responses = (operation?.['responses'] ?? {}) as Record<string, Json>;
      const success = responses['200'] ?? responses['201'];
      expect({ route: `${method} ${path}`, schema: JSON.stringify(success?.['content'] ?? null) }).toEqual({
        route: `${method} ${path}`,
        schema: expect.stringContaining(`#/components/schemas/${schema}`),
      });
    }
    for (const path of ['/api/commitments/{id}', '/api/anchor-events/{id}']) {
      expect(Object.keys((paths[path]['patch'] as Json)['responses'] as Json)).toEqual(expect.arrayContaining(['400', '404', '409']));
    }
    const listParameters = ((paths['/api/commitments']['get'] as Json)['parameters'] as Json[]).map((p) => p['name']);
    expect(listParameters).toEqual(
      expect.arrayContaining([
        'status',
        'flag',
        'area',
        'party',
        'agreement',
        'responsibleBody',
        'assignee',
        'dueFrom',
        'dueTo',
        'q',
        'sort',
        'page',
        'pageSize',
        'asOf',
      ]),
    );
  });

  it('describes the responses the API really gives, field for field', async () => {
    const page = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?pageSize=200');
    expectValid('CommitmentPageResponse', page);
    const charter = await api.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    expectValid('CommitmentDetailResponse', charter);
    expectValid('CommitmentDetailResponse', await api.json('/api/commitments/AZ-US-2025-01?asOf=2025-09-01'));
    expectValid('DashboardSummaryResponse', await api.json('/api/dashboard/summary'));
    const agreements = await api.json<AgreementDto[]>('/api/agreements');
    expectValidArray('AgreementResponse', agreements);
    // The lean list for filters: the same agreements in the same order, four fields each.
    const summaries = await api.json<AgreementSummaryDto[]>('/api/agreements/summaries');
    expectValidArray('AgreementSummaryResponse', summaries);
    expect(summaries).toEqual(agreements.map(({ id, title, kind, signedOn }) => ({ id, title, kind, signedOn })));
    expectValidArray('PartyResponse', await api.json('/api/parties'));
    expectValidArray('PolicyAreaResponse', await api.json('/api/areas'));
    const anchors = await api.json<AnchorEventDto[]>('/api/anchor-events');
    expectValidArray('AnchorEventResponse', anchors);
    expectValid('AnchorEventDetailResponse', await api.json(`/api/anchor-events/${anchors[0].id}`));
    expectValid('AnchorImpactResponse', await api.json(`/api/anchor-events/${charter.anchorEvent?.id}/impact?date=2025-08-31`));
    expectValidArray('StatusUpdateResponse', await api.json(`/api/commitments/${charter.id}/status-updates`));
    const updated = await created(
      api.post(`/api/commitments/${charter.id}/status-updates`, {
        status: 'at_risk',
        progress: 35,
        evidence: [{ url: 'https://example.org/a', title: 'A', publishedOn: null }],
        version: charter.version,
      }),
    );
    expectValid('CommitmentDetailResponse', updated);
    expectValid('AuditPageResponse', await admin.json('/api/audit'));
    const report = await api.request('POST', '/api/commitments/import.csv?dryRun=true', 'ref_code,title,agreement\nX-1,,A\n', {
      'content-type': 'text/csv',
    });
    expectValid('ImportReportResponse', report.json());
    const conflict = await api.patch(`/api/commitments/${charter.id}`, { title: 'x', version: 1 });
    expect(conflict.statusCode).toBe(409);
    expectValid('ProblemDetailsResponse', conflict.json());
    expectValid('CommitmentDetailResponse', conflict.json().current);
    expectValid('ProblemDetailsResponse', (await api.post('/api/commitments', { title: 1 })).json());
  });

  it('catches an undocumented field (the check can fail)', () => {
    const validate = validator('PartyResponse');
    expect(
      validate({ id: '6f1c1f9e-0000-4000-8000-000000000001', code: 'AZ', name: 'Azerbaijan', kind: 'country', version: 1, secret: true }),
    ).toBe(false);
    expect(
      openApiProblems({ openapi: '3.0.0', info: { title: 'x', version: '1' }, paths: { '/a/{id}': { get: { responses: {} } } } }),
    ).toEqual(['GET /a/{id}: no operationId', 'GET /a/{id}: no responses', 'GET /a/{id}: {id} is not declared']);
  });
});
