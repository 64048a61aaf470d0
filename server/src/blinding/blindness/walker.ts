// The generic walker: every route the API describes in /api/openapi.json, with every id the viewer
// has come across (and some it has not), checked for identities on every channel an answer has.
// A route added later is walked without touching this file: only the route list decides.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestClient } from '../../../test/client.ts';
import type { Needle } from './fold-text.ts';
import { isPdf, pdfPlainText } from './pdf-text.ts';
import { type Answer, leaksInAnswer } from './response-text.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: Method;
  /** As the API spells it: /api/submissions/{submissionId}. */
  path: string;
  /** `pattern`: the parameter's declared pattern (a message kind's name), when it has one. */
  params: Array<{ name: string; uuid: boolean; pattern?: RegExp }>;
}

/**
 * Routes left out, each with the reason. Nothing else is: a route that needs leaving out must be
 * added here with a reason a reviewer of this file would accept.
 */
export const skippedRoutes: Record<string, string> = {
  'GET /api/openapi.json': 'the route list itself: the same document for everyone, naming no person',
  'GET /api/health': 'a liveness probe: no person or submission behind it',
};

const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
/** A code, token or trace code: letters and digits (both), as links and lists carry them. */
const isIdLike = (value: string) =>
  /^[A-Za-z0-9_-]{6,128}$/.test(value) &&
  /\d/.test(value) &&
  /[A-Za-z]/.test(value) &&
  !/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(value); // the first part of a timestamp split at its colons

/** A random link token may, by chance, hold no digit; its length and mixed case still give it away. */
const isLongToken = (value: string) =>
  /^[A-Za-z0-9_-]{20,128}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
/** A trace code in a footer ("K7QXWMPA") may, by chance, hold no digit. */
const isShortCode = (value: string) => /^[A-Z0-9]{8}$/.test(value);

export async function apiRoutes(app: FastifyInstance): Promise<ApiRoute[]> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  const document = response.json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: object }> }>>;
  };
  const routes: ApiRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(operations)) {
      const method = verb.toUpperCase() as Method;
      if (!methods.has(method) || skippedRoutes[`${method} ${path}`]) continue;
      const params = (operation.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => {
          const schema = p.schema as { format?: string; pattern?: string } | undefined;
          return {
            name: p.name,
            uuid: schema?.format === 'uuid',
            ...(schema?.pattern && schema.format !== 'uuid' ? { pattern: new RegExp(schema.pattern) } : {}),
          };
        });
      routes.push({ method, path, params });
    }
  }
  return routes;
}

export interface WalkOptions {
  app: FastifyInstance;
  client: TestClient;
  /** Who walks, for the findings ("Reviewer 1", "the co-author"). */
  viewer: string;
  needles: readonly Needle[];
  /** Ids known from the fixtures, mostly ones this viewer has no business with. */
  seedIds: readonly string[];
  /** Ids the viewer was given outside the API (an invitation token in a link it was sent). */
  seenIds?: readonly string[];
  /** Signs in again when an answer ended the session (e.g. signing out), so later routes are not all 401. */
  restore?: () => Promise<TestClient>;
}

interface Baseline {
  statusCode: number;
  body: string;
}

export class BlindnessWalk {
  readonly ids = new Set<string>();
  /** Of `ids`, those some answer or e-mail showed the viewer. */
  readonly seen = new Set<string>();
  readonly findings: string[] = [];
  readonly routesWalked = new Set<string>();
  /** Routes that answered this viewer 2xx at least once: the pages it really reads. */
  readonly answeredOk = new Set<string>();
  requests = 0;
  /** Of `requests`, those that were not GETs. */
  changes = 0;
  mailsRead = 0;
  filesRead = 0;
  private client: TestClient;
  private readonly done = new Set<string>();
  private readonly mailSeen = new Set<string>();
  private readonly baselines = new Map<string, Baseline>();
  private readonly addressBlock = randomBytes(2).toString('hex');
  private readonly missingUuid = randomUUID();
  private readonly missingToken = `Zz${randomBytes(12).toString('hex')}`;
  private readonly options: WalkOptions;

  constructor(options: WalkOptions) {
    this.options = options;
    this.client = options.client;
    for (const id of options.seedIds) this.ids.add(id);
    for (const id of options.seenIds ?? []) {
      this.ids.add(id);
      this.seen.add(id);
    }
    this.ids.add(this.missingUuid);
  }

  /** Every GET route with every id, breadth first, until no answer brings a new id. */
  async walkReads(routes: readonly ApiRoute[]) {
    await this.walk(routes.filter((r) => r.method === 'GET'));
  }

  /** Every other route with an empty JSON body: its errors are a channel too. Run after the reads. */
  async walkChanges(routes: readonly ApiRoute[]) {
    await this.walk(routes.filter((r) => r.method !== 'GET'));
  }

  private async walk(routes: readonly ApiRoute[]) {
    let grew = true;
    while (grew) {
      grew = false;
      for (const route of routes) {
        for (const values of this.combinations(route)) {
          const url = fill(route, values);
          const key = `${route.method} ${url}`;
          if (this.done.has(key)) continue;
          this.done.add(key);
          grew = true;
          this.routesWalked.add(`${route.method} ${route.path}`);
          const answer = await this.send(route.method, url);
          if (answer.statusCode < 300) this.answeredOk.add(`${route.method} ${route.path}`);
          this.inspect(answer);
          if (answer.statusCode === 404 && route.params.length) await this.compareWithMissing(route, values, answer);
          if (route.method !== 'GET') await this.keepSignedIn();
        }
      }
      if (this.ids.size > 600)
        throw new Error(`${this.options.viewer}: ids keep growing (${this.ids.size}); see collect()`);
    }
  }

  /** Each of the viewer's e-mails: subject and text, and the ids its links carry. */
  async readMail(db: Database, person: { id: string; email: string }) {
    const messages = await db
      .selectFrom('email_message')
      .select(['id', 'subject', 'text_body', 'to_address'])
      .where((eb) => eb.or([eb('to_address', '=', person.email.toLowerCase()), eb('person_id', '=', person.id)]))
      .execute();
    for (const message of messages) {
      if (this.mailSeen.has(message.id)) continue;
      this.mailSeen.add(message.id);
      this.mailsRead++;
      const answer: Answer = {
        method: 'MAIL',
        url: `e-mail "${message.subject}" to ${message.to_address}`,
        statusCode: 0,
        headers: { subject: message.subject },
        body: Buffer.from(message.text_body),
      };
      this.inspect(answer, false);
    }
  }

  summary() {
    return {
      viewer: this.options.viewer,
      routes: this.routesWalked.size,
      requests: this.requests,
      changes: this.changes,
      files: this.filesRead,
      mails: this.mailsRead,
      ids: this.ids.size,
      seen: this.seen.size,
    };
  }

  /**
   * Every id in every parameter, except that a combination holds at most one id the viewer was
   * never shown: two unseen ids together are a guess, not a path a viewer can take, and the full
   * product of both would multiply the requests without reaching anything new.
   */
  private combinations(route: ApiRoute): string[][] {
    const ids = [...this.ids];
    let combos: Array<{ values: string[]; unseen: number }> = [{ values: [], unseen: 0 }];
    for (const param of route.params) {
      // Only ids the parameter accepts: any other is refused (400) before the route reads anything,
      // and with three parameters the product of every id grows past what a run can walk.
      const candidates = param.uuid
        ? ids.filter(isUuid)
        : param.pattern
          ? ids.filter((id) => param.pattern?.test(id))
          : ids;
      combos = combos.flatMap((combo) =>
        candidates
          .map((id) => ({ values: [...combo.values, id], unseen: combo.unseen + (this.seen.has(id) ? 0 : 1) }))
          .filter((next) => next.unseen <= 1),
      );
    }
    return combos.map((combo) => combo.values);
  }

  private async send(method: Method, url: string): Promise<Answer> {
    this.requests++;
    if (method !== 'GET') this.changes++;
    // A new address each time: rate limits count per address, and a 429 would hide the real
    // answer of every route after the thirtieth (the addresses are from the documentation range).
    this.client.ip = `2001:db8:${this.addressBlock}::${this.requests.toString(16)}`;
    const response: LightMyRequestResponse =
      method === 'GET' ? await this.client.get(url) : await this.client.request(method, url, {});
    return {
      method,
      url,
      statusCode: response.statusCode,
      statusMessage: response.statusMessage,
      headers: response.headers,
      body: response.rawPayload,
    };
  }

  private inspect(answer: Answer, isHttp = true) {
    const where = `${this.options.viewer}: ${answer.method} ${answer.url} → ${answer.statusCode}`;
    if (isHttp && answer.statusCode >= 500) this.findings.push(`${where}: a server error (${answer.body.toString()})`);
    const leaks = leaksInAnswer(answer, this.options.needles);
    if (leaks.length) this.findings.push(`${where}: shows ${leaks.join(', ')}`);
    if (isPdf(answer.body)) this.filesRead++;
    this.collect(answer, !isHttp);
  }

  /**
   * Ids the viewer has now seen: uuids anywhere; codes and tokens as whole JSON values, as parts of
   * links (an e-mail's invitation link), and as words of prose a person reads (an e-mail, a PDF's footer).
   */
  private collect(answer: Answer, prose: boolean) {
    const requestId = String(answer.headers['x-request-id'] ?? '');
    const headers = Object.entries(answer.headers)
      .filter(([name]) => name !== 'set-cookie' && name !== 'x-request-id')
      .map(([, value]) => [value].flat().join(' '));
    const pdf = isPdf(answer.body);
    const body = pdf ? pdfPlainText(answer.body) : answer.body.toString('utf8');
    const text = [body, ...headers].join('\n');
    const found = new Set<string>(text.match(uuidPattern) ?? []);
    if (!pdf) for (const value of jsonStrings(body)) if (isIdLike(value)) found.add(value);
    for (const link of text.match(/(?:https?:\/\/|\/)[^\s"'<>()]+/g) ?? [])
      for (const part of link.split(/[/?&=#]+/)) if (isIdLike(part) || isLongToken(part)) found.add(part);
    if (pdf || prose)
      for (const word of text.split(/[^A-Za-z0-9_-]+/)) if (isIdLike(word) || isShortCode(word)) found.add(word);
    for (const id of found) {
      if (id === requestId) continue;
      this.ids.add(id);
      this.seen.add(id);
    }
  }

  /**
   * "Not found" must read exactly like the answer for something that does not exist: the same
   * status and body (request id aside) as when one of the ids is replaced by a made-up one, so a
   * 404 never tells the viewer that the thing is there and kept from them.
   */
  private async compareWithMissing(route: ApiRoute, values: string[], answer: Answer) {
    if (values.every((value) => value === this.missingUuid || value === this.missingToken)) return;
    const own = comparable(answer);
    const seen: string[] = [];
    for (let index = 0; index < route.params.length; index++) {
      // A closed set of public names (a message kind) has no made-up member to compare with.
      const pattern = route.params[index]!.pattern;
      if (pattern && !pattern.test(this.missingToken)) continue;
      const replaced = values.map((value, i) =>
        i === index ? (route.params[i]!.uuid ? this.missingUuid : this.missingToken) : value,
      );
      const url = fill(route, replaced);
      let baseline = this.baselines.get(`${route.method} ${url}`);
      if (!baseline) {
        const missing = await this.send(route.method, url);
        this.inspect(missing);
        if (route.method !== 'GET') await this.keepSignedIn();
        baseline = comparable(missing);
        this.baselines.set(`${route.method} ${url}`, baseline);
      }
      if (baseline.statusCode === own.statusCode && baseline.body === own.body) return;
      seen.push(`${url} → ${baseline.statusCode} ${baseline.body}`);
    }
    if (seen.length === 0) return;
    this.findings.push(
      `${this.options.viewer}: ${answer.method} ${answer.url} → ${own.statusCode} ${own.body}: not the answer for a thing that does not exist (${seen.join('; ')})`,
    );
  }

  private async keepSignedIn() {
    if (this.client.cookie('gaps_session') || !this.options.restore) return;
    this.client = await this.options.restore();
  }
}

function fill(route: ApiRoute, values: readonly string[]): string {
  let url = route.path;
  route.params.forEach((param, index) => {
    url = url.replace(`{${param.name}}`, encodeURIComponent(values[index]!));
  });
  return url;
}

function comparable(answer: Answer): Baseline {
  let body = answer.body.toString('utf8');
  try {
    const { requestId: _requestId, ...rest } = JSON.parse(body) as Record<string, unknown>;
    body = JSON.stringify(rest);
  } catch {
    // not JSON: compared as it is
  }
  return { statusCode: answer.statusCode, body };
}

function jsonStrings(text: string): string[] {
  try {
    const strings: string[] = [];
    const visit = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') Object.values(value).forEach(visit);
    };
    visit(JSON.parse(text));
    return strings;
  } catch {
    return [];
  }
}
