// Generates the Postman collection and environment from the service specs (PLT-POSTMAN).
//
//   npm run postman
//
// Every api-spec/*.yaml with paths is bundled (its $refs into common.yaml and the other specs
// inlined), converted by openapi-to-postmanv2 and put in a folder of its own, named after the
// file. A "smoke" folder comes first: an ordered run over the demo data with tests that assert
// each answer's status and its shape against the spec's schema. A collection-level pre-request
// script signs in once, as {{loginId}} with {{password}}, and every request inherits the bearer
// token. The build (PostmanCollectionIT) runs the smoke folder with newman against the packaged
// server; PostmanCollectionTests checks that the committed collection names every operation.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

// The converter fakes example values with Math.random, which it keeps from its loading: a seeded
// one is installed before it loads and reset before each spec, so the same specs give the same
// collection.
let randomState = 0;
function resetRandom() {
  randomState = 2026;
}
Math.random = () => {
  randomState = (randomState + 0x6d2b79f5) >>> 0;
  let t = randomState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const { default: Converter } = await import('openapi-to-postmanv2');

const here = path.dirname(fileURLToPath(import.meta.url));
const specDir = path.resolve(here, '..', 'api-spec');
const COLLECTION = path.join(here, 'btob-platform.postman_collection.json');
const ENVIRONMENT = path.join(here, 'btob-platform.postman_environment.json');

// ---------------------------------------------------------------------------------------------
// Bundling: every $ref (local or into another file) replaced by a copy of what it names.

const files = new Map();

function load(file) {
  if (!files.has(file)) {
    files.set(file, yaml.load(fs.readFileSync(path.join(specDir, file), 'utf8')));
  }
  return files.get(file);
}

function pointer(document, fragment) {
  return fragment.replace(/^\//, '').split('/').filter(Boolean)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, part) => {
      if (node === undefined || !(part in node)) {
        throw new Error(`unresolved $ref fragment ${fragment}`);
      }
      return node[part];
    }, document);
}

function inline(node, file, stack = []) {
  if (Array.isArray(node)) {
    return node.map(item => inline(item, file, stack));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  if (typeof node.$ref === 'string') {
    const [target, fragment = ''] = node.$ref.split('#');
    const targetFile = target === '' ? file : target;
    const key = `${targetFile}#${fragment}`;
    if (stack.includes(key)) {
      return {}; // a recursive schema: any value below this depth
    }
    return inline(pointer(load(targetFile), fragment), targetFile, [...stack, key]);
  }
  return Object.fromEntries(Object.entries(node).map(([name, value]) => [name, inline(value, file, stack)]));
}

function bundle(file) {
  const spec = inline(load(file), file);
  // Everything is inlined; only the security schemes stay, for the requests' auth.
  return { ...spec, components: { securitySchemes: spec.components?.securitySchemes ?? {} } };
}

// ---------------------------------------------------------------------------------------------
// An OpenAPI 3.0 schema as JSON Schema for the Postman sandbox's validator (Ajv 6).

const DROPPED = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated']);

function jsonSchema(schema) {
  if (Array.isArray(schema)) {
    return schema.map(jsonSchema);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  const out = {};
  for (const [name, value] of Object.entries(schema)) {
    if (DROPPED.has(name) || name.startsWith('x-') || name === 'nullable') {
      continue;
    }
    out[name] = name === 'properties'
      ? Object.fromEntries(Object.entries(value).map(([property, sub]) => [property, jsonSchema(sub)]))
      : jsonSchema(value);
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) {
        out.enum = [...out.enum, null];
      }
    }
    else {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Conversion of one spec into a folder.

const OPTIONS = {
  folderStrategy: 'Tags',
  requestNameSource: 'Fallback',
  parametersResolution: 'Example',
  includeAuthInfoInExample: false,
};

function convert(spec) {
  resetRandom();
  return new Promise((resolve, reject) => {
    Converter.convert({ type: 'json', data: spec }, OPTIONS, (error, result) => {
      if (error) {
        reject(error);
      }
      else if (!result.result) {
        reject(new Error(result.reason));
      }
      else {
        resolve(result.output[0].data);
      }
    });
  });
}

/** Ids are random on every conversion: dropped, so that a regeneration changes only what changed. */
function stripIds(node) {
  if (Array.isArray(node)) {
    node.forEach(stripIds);
  }
  else if (node !== null && typeof node === 'object') {
    delete node.id;
    delete node._postman_id;
    Object.values(node).forEach(stripIds);
  }
  return node;
}

/**
 * Secured requests inherit the collection's bearer token; public ones send none. Of the example
 * answers only the successful ones are kept: every problem has the one shape of common.yaml.
 */
function tidy(items) {
  for (const item of items) {
    if (item.item) {
      tidy(item.item);
    }
    else if (item.request) {
      item.response = (item.response ?? []).filter(response => response.code < 300);
      if (item.request.auth && item.request.auth.type !== 'noauth') {
        delete item.request.auth;
      }
      else {
        item.request.auth = { type: 'noauth' };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The smoke folder.

function operation(specs, file, method, template) {
  const op = specs.get(file)?.paths?.[template]?.[method];
  if (!op) {
    throw new Error(`${file} has no ${method.toUpperCase()} ${template}`);
  }
  return op;
}

function responseSchema(op, status) {
  const response = op.responses[String(status)];
  const content = response?.content ?? {};
  const media = content['application/json'] ?? content['application/problem+json'];
  if (!media?.schema) {
    throw new Error(`no JSON schema for status ${status}`);
  }
  return jsonSchema(media.schema);
}

/** A request authenticates by its bearer token alone: the session cookie the login sets is never sent back. */
const NO_COOKIES = { disableCookies: true };

const SMOKE = [
  {
    name: 'Sign in',
    spec: 'identity.yaml', method: 'post', path: '/api/v1/auth/login', status: 200, public: true,
    body: { loginId: '{{loginId}}', password: '{{password}}' },
    tests: [
      "const answer = pm.response.json();",
      "pm.test('a bearer session, no second factor', () => {",
      "    pm.expect(answer.tokenType).to.eql('Bearer');",
      "    pm.expect(answer.token).to.be.a('string').and.not.empty;",
      "    pm.expect(answer.mfaRequired).to.eql(false);",
      "});",
      "pm.collectionVariables.set('token', answer.token);",
      "pm.collectionVariables.set('tokenLoginId', pm.variables.get('loginId'));",
    ],
  },
  {
    name: 'The signed-in user',
    spec: 'identity.yaml', method: 'get', path: '/api/v1/me', status: 200,
    tests: [
      "const me = pm.response.json();",
      "pm.test('the user signed in, of a company', () => {",
      "    pm.expect(me.loginId).to.eql(pm.variables.get('loginId'));",
      "    pm.expect(me.company.companyId).to.be.a('string');",
      "});",
      "pm.collectionVariables.set('companyId', me.company.companyId);",
    ],
  },
  {
    name: 'Partners',
    spec: 'companies.yaml', method: 'get', path: '/api/v1/companies/{companyId}/partners',
    url: '/api/v1/companies/{{companyId}}/partners?status=ACTIVE', status: 200,
    tests: [
      "const partners = pm.response.json().items;",
      "pm.test('the demo trading partner is connected', () => {",
      "    pm.expect(partners).to.not.be.empty;",
      "});",
      "pm.collectionVariables.set('partnerId', partners[0].partner.companyId);",
    ],
  },
  {
    name: 'Draft a quote',
    spec: 'quotes.yaml', method: 'post', path: '/api/v1/quotes', status: 201,
    headers: [{ key: 'Idempotency-Key', value: '{{$guid}}' }],
    prerequest: [
      "const validUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);",
      "pm.collectionVariables.set('validUntil', validUntil);",
    ],
    body: {
      buyerId: '{{partnerId}}',
      title: 'Postman smoke quote',
      validUntil: '{{validUntil}}',
      lines: [{ description: 'コピー用紙 A4 500枚', quantity: '12.5', unit: '箱', unitPrice: '480.50', taxCategory: 'standard-10' }],
    },
    tests: [
      "const quote = pm.response.json();",
      "pm.test('a draft for the partner', () => {",
      "    pm.expect(quote.status).to.eql('DRAFT');",
      "    pm.expect(quote.buyer.companyId).to.eql(pm.variables.get('partnerId'));",
      "    pm.expect(quote.lines).to.have.lengthOf(1);",
      "});",
      "pm.collectionVariables.set('quoteId', quote.id);",
    ],
  },
  {
    name: 'Quotes sent',
    spec: 'quotes.yaml', method: 'get', path: '/api/v1/quotes', url: '/api/v1/quotes?role=sent&limit=100', status: 200,
    tests: [
      "pm.test('the new draft is listed', () => {",
      "    pm.expect(pm.response.json().items.map(quote => quote.id)).to.include(pm.variables.get('quoteId'));",
      "});",
    ],
  },
  {
    name: 'The quote',
    spec: 'quotes.yaml', method: 'get', path: '/api/v1/quotes/{quoteId}', url: '/api/v1/quotes/{{quoteId}}', status: 200,
    tests: [
      "pm.test('the draft as created', () => {",
      "    pm.expect(pm.response.json().id).to.eql(pm.variables.get('quoteId'));",
      "    pm.expect(pm.response.headers.get('ETag')).to.be.a('string');",
      "});",
    ],
  },
  {
    name: 'Orders',
    spec: 'orders.yaml', method: 'get', path: '/api/v1/orders', status: 200,
  },
  {
    name: 'Document search',
    spec: 'documents.yaml', method: 'get', path: '/api/v1/documents', url: '/api/v1/documents?side=seller', status: 200,
  },
  {
    name: 'Label vocabulary',
    spec: 'labels.yaml', method: 'get', path: '/api/v1/labels/vocabulary', status: 200,
  },
  {
    name: 'Workflow inbox',
    spec: 'workflow.yaml', method: 'get', path: '/api/v1/workflow/inbox', status: 200,
  },
  {
    name: 'A quote without lines is refused',
    spec: 'quotes.yaml', method: 'post', path: '/api/v1/quotes', status: 400, problem: true,
    body: { buyerId: '{{partnerId}}', title: 'Postman smoke quote', validUntil: '{{validUntil}}', lines: [] },
    tests: [
      "pm.test('the problem names the field', () => {",
      "    pm.expect(pm.response.json().errors.map(error => error.field)).to.include('lines');",
      "});",
    ],
  },
  {
    name: 'No token, no answer',
    spec: 'identity.yaml', method: 'get', path: '/api/v1/me', status: 401, problem: true, public: true,
  },
];

function smokeItem(specs, step) {
  const op = operation(specs, step.spec, step.method, step.path);
  const schema = responseSchema(op, step.status);
  const url = `{{baseUrl}}${step.url ?? step.path}`;
  const exec = [
    `// ${step.method.toUpperCase()} ${step.path} (${op.operationId}): ${step.status}, answer checked against ${step.spec}.`,
    `pm.test('status ${step.status}', () => pm.response.to.have.status(${step.status}));`,
    `const schema = ${JSON.stringify(schema)};`,
    "pm.test('the answer matches the spec\\'s schema', () => pm.response.to.have.jsonSchema(schema, { unknownFormats: 'ignore' }));",
  ];
  if (step.problem) {
    exec.push(
      "pm.test('an RFC 9457 problem', () => {",
      "    pm.expect(pm.response.headers.get('Content-Type')).to.include('application/problem+json');",
      "    const problem = pm.response.json();",
      "    pm.expect(problem.type).to.be.a('string').and.not.empty;",
      "    pm.expect(problem.title).to.be.a('string').and.not.empty;",
      `    pm.expect(problem.status).to.eql(${step.status});`,
      "});");
  }
  else {
    exec.push("pm.test('JSON', () => pm.expect(pm.response.headers.get('Content-Type')).to.include('application/json'));");
  }
  exec.push(...(step.tests ?? []));
  const header = [{ key: 'Accept', value: 'application/json' }, ...(step.headers ?? [])];
  const request = { method: step.method.toUpperCase(), header, url };
  if (step.body) {
    header.push({ key: 'Content-Type', value: 'application/json' });
    request.body = { mode: 'raw', raw: JSON.stringify(step.body, null, 2) };
  }
  if (step.public) {
    request.auth = { type: 'noauth' };
  }
  const event = [{ listen: 'test', script: { type: 'text/javascript', exec } }];
  if (step.prerequest) {
    event.unshift({ listen: 'prerequest', script: { type: 'text/javascript', exec: step.prerequest } });
  }
  return { name: step.name, request, event, protocolProfileBehavior: NO_COOKIES };
}

// ---------------------------------------------------------------------------------------------

const LOGIN_ONCE = [
  "// Signs in once as {{loginId}} (again when loginId changes) and keeps the session token in the",
  "// collection variable `token`, which every request without an auth of its own sends as its",
  "// bearer token. Requests marked `noauth` (the login, the public operations) are left alone.",
  "const own = pm.request.auth;",
  "const loginId = pm.variables.get('loginId');",
  "if (!(own && own.type === 'noauth')",
  "        && (!pm.collectionVariables.get('token') || pm.collectionVariables.get('tokenLoginId') !== loginId)) {",
  "    pm.sendRequest({",
  "        url: pm.variables.get('baseUrl') + '/api/v1/auth/login',",
  "        method: 'POST',",
  "        header: { 'Content-Type': 'application/json', Accept: 'application/json' },",
  "        body: { mode: 'raw', raw: JSON.stringify({ loginId: loginId, password: pm.variables.get('password') }) },",
  "    }, (error, response) => {",
  "        pm.test('signed in as ' + loginId, () => {",
  "            pm.expect(error).to.equal(null);",
  "            pm.expect(response.code).to.equal(200);",
  "        });",
  "        pm.collectionVariables.set('token', response.json().token);",
  "        pm.collectionVariables.set('tokenLoginId', loginId);",
  "    });",
  "}",
];

async function main() {
  const serviceFiles = fs.readdirSync(specDir)
    .filter(file => file.endsWith('.yaml'))
    .filter(file => Object.keys(load(file).paths ?? {}).length > 0)
    .sort();
  const specs = new Map();
  const folders = [];
  for (const file of serviceFiles) {
    const spec = bundle(file);
    specs.set(file, spec);
    // The converter changes the spec it is given (the arrays it fakes): it gets a copy.
    const converted = await convert(structuredClone(spec));
    tidy(converted.item);
    folders.push({
      name: file.replace(/\.yaml$/, ''),
      description: `${spec.info.title}: every operation of api-spec/${file}, grouped by tag. For exploring; the build runs only the smoke folder.`,
      item: stripIds(converted.item),
    });
  }
  const collection = {
    info: {
      name: 'BtoB Platform',
      description: 'Generated from api-spec/*.yaml by postman/generate.mjs (npm run postman); do not edit by hand. '
        + 'Select the environment, set loginId and password (a demo login by default), and send: the collection signs in once. '
        + 'The smoke folder runs end to end over the demo data.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: LOGIN_ONCE } }],
    protocolProfileBehavior: NO_COOKIES,
    variable: [
      { key: 'token', value: '' },
      { key: 'tokenLoginId', value: '' },
    ],
    item: [
      {
        name: 'smoke',
        description: 'An ordered run over the demo data as the seller (seller-admin): each answer\'s status and shape are checked.',
        item: SMOKE.map(step => smokeItem(specs, step)),
      },
      ...folders,
    ],
  };
  const environment = {
    name: 'BtoB Platform (local)',
    values: [
      { key: 'baseUrl', value: 'https://localhost:8443', type: 'default', enabled: true },
      { key: 'loginId', value: 'seller-admin', type: 'default', enabled: true },
      { key: 'password', value: 'Demo#2026pass', type: 'secret', enabled: true },
    ],
    _postman_variable_scope: 'environment',
  };
  fs.writeFileSync(COLLECTION, `${JSON.stringify(collection, null, 2)}\n`);
  fs.writeFileSync(ENVIRONMENT, `${JSON.stringify(environment, null, 2)}\n`);
  console.log(`postman: ${serviceFiles.length} specs, ${SMOKE.length} smoke requests -> ${path.relative(process.cwd(), COLLECTION)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
