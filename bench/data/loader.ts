import { hash as digest } from 'node:crypto';
import pg from 'pg';
import { type ChainedEvent, canonical, eventHash } from '../../server/audit/chain.ts';
import { nodeHasher } from '../../server/audit/node-hasher.ts';
import type { CommentRow, FormRow, InspectionRow, MeasureRow } from './rows.ts';

/**
 * Bulk loading for the dataset generator, on connections of their own with at most one statement in flight
 * each, so Node builds the next batch while the server writes the last. Rows are written as text straight
 * into a buffer (they leave the JS heap at once): the history's rows as one JSON document per statement,
 * unpacked by `json_to_recordset`; the audit events, eight times as many, by COPY, which costs the server a
 * third as much per row. The pg driver has no COPY API of its own; `CopyIn` speaks the protocol's copy-in
 * through pg's custom-query hook (a Submittable) and its connection's copy messages, as pg-copy-streams does.
 */

/** `COPY … FROM STDIN` of one buffer of rows in COPY's text format. */
class CopyIn {
  callback?: (err: Error | null) => void;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {}

  submit(connection: CopyConnection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection) {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }

  handleCommandComplete() {}

  // pg forgets the query on an error and never calls it again, so the error ends it here
  handleError(err: Error) {
    this.callback?.(err);
  }

  handleReadyForQuery() {
    this.callback?.(null);
  }
}

/** The pg connection's side of the copy-in protocol. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

function copyIn(client: pg.Client, text: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const copy = new CopyIn(text, data);
    copy.callback = (err) => (err ? reject(err) : resolve());
    client.query(copy as unknown as pg.Submittable);
  });
}

/** Text written into a growing buffer, handed over whole when the batch is sent. */
class Bytes {
  private buf = Buffer.allocUnsafe(1 << 22);
  length = 0;

  write(text: string) {
    // three bytes a UTF-16 unit at the most
    if (this.length + text.length * 3 > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + text.length * 3));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(text, this.length);
  }

  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.length = 0;
    return out;
  }
}

/** One connection, with at most one statement in flight; a failure surfaces at the next send or drain. */
export class Stream {
  private inflight: Promise<unknown> | null = null;

  constructor(readonly client: pg.Client) {}

  static async open(url: string): Promise<Stream> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // A lost commit can be redone by running the generator again; the bulk load need not wait for the disk.
    await client.query('set synchronous_commit = off');
    return new Stream(client);
  }

  async send(text: string, values: unknown[] = []): Promise<void> {
    await this.drain();
    this.track(this.client.query(text, values));
  }

  /** COPY `data` (rows in COPY's text format) with the statement `text`. */
  async copy(text: string, data: Buffer): Promise<void> {
    await this.drain();
    this.track(copyIn(this.client, text, data));
  }

  private track(pending: Promise<unknown>) {
    // marked handled now, thrown at the next drain
    pending.catch(() => undefined);
    this.inflight = pending;
  }

  async drain(): Promise<void> {
    const pending = this.inflight;
    this.inflight = null;
    if (pending) await pending;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.client.end();
  }
}

/** Rows of one table as one JSON array, sent in statements of `size` rows. */
class Batch<T> {
  private readonly bytes = new Bytes();
  private rows = 0;

  constructor(
    private readonly stream: Stream,
    private readonly statement: string,
    private readonly size: number,
  ) {}

  add(row: T) {
    this.bytes.write(this.rows++ === 0 ? `[${JSON.stringify(row)}` : `,${JSON.stringify(row)}`);
  }

  get full() {
    return this.rows >= this.size;
  }

  async flush() {
    if (this.rows === 0) return;
    this.bytes.write(']');
    this.rows = 0;
    // a Buffer goes as a binary parameter: json's binary form is its text
    await this.stream.send(this.statement, [this.bytes.take()]);
  }
}

const FORM_COLUMNS = `id int, number text, status text, source text, problem text, occurred_on date, found_on date,
  filed_on date, post_id int, unit_id int, approval_item_id int, stage text, risk_point_id int,
  responsibility_point_id int, standard_id int, grade text, deadline date, yellow_on date, responsible json,
  holder_ids int[], root_cause json, verification json, accountability json, status_reason text, filed_by int,
  closed_at timestamptz, version int, created_at timestamptz, updated_at timestamptz, measures_text text`;

/**
 * The forms' search column is what migration 0009's triggers would leave once the measures are in (the same
 * function over the problem, the whys and the measures' texts in order): computed here, with the triggers
 * off for the load, so each row is written once. JSON columns come out of the record as json and are cast:
 * json_to_recordset makes jsonb columns far more slowly.
 */
const INSERT_FORMS = `
  insert into forms (id, number, status, source, problem, occurred_on, found_on, filed_on, post_id, unit_id,
    approval_item_id, stage, risk_point_id, responsibility_point_id, standard_id, grade, deadline, yellow_on,
    responsible, holder_ids, root_cause, verification, accountability, status_reason, filed_by, closed_at, version,
    created_at, updated_at, search)
  select id, number, status, source, problem, occurred_on, found_on, filed_on, post_id, unit_id,
    approval_item_id, stage, risk_point_id, responsibility_point_id, standard_id, grade, deadline, yellow_on,
    responsible::jsonb, holder_ids, root_cause::jsonb, verification::jsonb, accountability::jsonb, status_reason,
    filed_by, closed_at, version, created_at, updated_at, lessons_vector(problem, root_cause::jsonb, measures_text)
  from json_to_recordset($1::json) as x(${FORM_COLUMNS})`;

const INSERT_MEASURES = `
  insert into form_measures (id, form_id, position, kind, text, owner_id, due_on, done_on)
  select * from json_to_recordset($1::json)
    as x(id int, form_id int, position int, kind text, text text, owner_id int, due_on date, done_on date)`;

const INSERT_COMMENTS = `
  insert into form_comments (id, form_id, author_id, body, created_at)
  select * from json_to_recordset($1::json) as x(id int, form_id int, author_id int, body text, created_at timestamptz)`;

const INSERT_INSPECTIONS = `
  insert into inspections (id, kind, risk_point_id, recheck_of, unit_id, post_id, method, checked_on, case_ref, result,
    notes, inspector_id, form_id, created_at)
  select * from json_to_recordset($1::json)
    as x(id int, kind text, risk_point_id int, recheck_of int, unit_id int, post_id int, method text, checked_on date,
         case_ref text, result text, notes text, inspector_id int, form_id int, created_at timestamptz)`;

const COPY_EVENTS = `copy audit_events (seq, at, actor_id, action, entity_type, entity_id, unit_id, before, after,
  request_id, address, prev_hash, hash) from stdin`;

/** A value in COPY's text format: \N for null, backslashes doubled (JSON has no raw tabs or newlines). */
function copyText(json: string | null): string {
  if (json === null) return '\\N';
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** The history's rows: forms first in every flush, since the others refer to them. */
export class RowWriter {
  readonly forms: Batch<FormRow>;
  readonly measures: Batch<MeasureRow>;
  readonly comments: Batch<CommentRow>;
  readonly inspections: Batch<InspectionRow>;

  constructor(private readonly stream: Stream) {
    this.forms = new Batch(stream, INSERT_FORMS, 2000);
    this.measures = new Batch(stream, INSERT_MEASURES, 5000);
    this.comments = new Batch(stream, INSERT_COMMENTS, 5000);
    this.inspections = new Batch(stream, INSERT_INSPECTIONS, 5000);
  }

  async flushIfFull() {
    if (this.forms.full || this.measures.full || this.comments.full || this.inspections.full)
      await this.flush();
  }

  async flush() {
    await this.forms.flush();
    await this.measures.flush();
    await this.comments.flush();
    await this.inspections.flush();
  }

  async finish() {
    await this.flush();
    await this.stream.drain();
  }
}

/** Every this many events, the hash is also computed the app's way and compared. */
const CROSS_CHECK_EVERY = 997;
const EVENT_BATCH = 10_000;

/**
 * Appends events to the audit chain from its head on, in batches; `finish` moves the head to the last one.
 *
 * The history builds every before and after with its keys in sorted order, so JSON.stringify writes the
 * canonical text (audit/chain.ts) of each at once, for the hash and for the row alike: canonical() sorts
 * keys at every level, which at millions of events costs more than everything else. Every 997th event is
 * hashed the app's way too, and any difference stops the load (`npm run bench:data -- --check` verifies
 * every event with the app's own walk).
 */
export class ChainWriter {
  private readonly bytes = new Bytes();
  private rows = 0;
  private seq: number;
  private prev: string;

  constructor(
    private readonly stream: Stream,
    head: { seq: number; hash: string },
  ) {
    this.seq = head.seq;
    this.prev = head.hash;
  }

  get head() {
    return { seq: this.seq, hash: this.prev };
  }

  async append(events: Omit<ChainedEvent, 'seq'>[]) {
    const s = JSON.stringify;
    for (const e of events) {
      const seq = ++this.seq;
      const at = e.at.toISOString();
      const before = s(e.before);
      const after = s(e.after);
      // audit/chain.ts canonicalEvent: the event's fields in sorted order
      const text = `{"action":${s(e.action)},"actorId":${s(e.actorId)},"address":${s(e.address)},"after":${after},"at":"${at}","before":${before},"entityId":${s(e.entityId)},"entityType":${s(e.entityType)},"requestId":${s(e.requestId)},"seq":${seq},"unitId":${s(e.unitId)}}`;
      // node-hasher's SHA-256 in one call (crypto.hash), a third cheaper at millions of events
      const hash = digest('sha256', `${this.prev}\n${text}`, 'hex');
      if (seq % CROSS_CHECK_EVERY === 0) this.crossCheck({ ...e, seq }, hash, before, after);
      // a null before or after is stored as SQL null, as the app stores it
      this.bytes.write(
        `${seq}\t${at}\t${copyText(e.actorId === null ? null : String(e.actorId))}\t${copyText(e.action)}\t${copyText(e.entityType)}\t${copyText(e.entityId)}\t${copyText(e.unitId === null ? null : String(e.unitId))}\t${copyText(e.before === null ? null : before)}\t${copyText(e.after === null ? null : after)}\t${copyText(e.requestId)}\t${copyText(e.address)}\t${this.prev}\t${hash}\n`,
      );
      this.prev = hash;
      if (++this.rows >= EVENT_BATCH) await this.flush();
    }
  }

  private async flush() {
    if (this.rows === 0) return;
    this.rows = 0;
    await this.stream.copy(COPY_EVENTS, this.bytes.take());
  }

  private crossCheck(event: ChainedEvent, hash: string, before: string, after: string) {
    if (canonical(event.before) !== before || canonical(event.after) !== after) {
      throw new Error(`chain: event ${event.seq} (${event.action}) has keys out of order: ${after}`);
    }
    if (eventHash(nodeHasher, this.prev, event) !== hash) {
      throw new Error(`chain: event ${event.seq} (${event.action}) hashes differently from the app`);
    }
  }

  async finish() {
    await this.flush();
    await this.stream.drain();
    await this.stream.client.query('update audit_head set seq = $1, hash = $2', [this.seq, this.prev]);
  }
}

/** The tables the history fills: their secondary indexes are built after the load, in one pass each. */
const LOADED_TABLES = [
  'forms',
  'form_measures',
  'form_comments',
  'inspections',
  'audit_events',
  'accountability_records',
];

export interface IndexDef {
  table: string;
  name: string;
  definition: string;
}

/**
 * Drops the loaded tables' indexes that back no constraint (primary keys and unique constraints stay), and
 * returns their definitions, to be created again exactly as the migrations made them.
 */
export async function dropIndexes(client: pg.Client): Promise<IndexDef[]> {
  const { rows } = await client.query<IndexDef>(
    `select i.tablename as table, i.indexname as name, i.indexdef as definition
     from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
     order by i.tablename, i.indexname`,
    [LOADED_TABLES],
  );
  for (const index of rows) await client.query(`drop index ${index.name}`);
  return rows;
}

/** Creates the indexes again on the streams given, the largest tables' indexes spread over them. */
export async function createIndexes(streams: pg.Client[], indexes: IndexDef[], log: (line: string) => void) {
  const queue = [...indexes].sort((a, b) => weight(b.table) - weight(a.table));
  await Promise.all(
    streams.map(async (client) => {
      await client.query(`set maintenance_work_mem = '512MB'`);
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = performance.now();
        await client.query(index.definition);
        log(`  index ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
}

const weight = (table: string) => (table === 'audit_events' ? 3 : table === 'forms' ? 2 : 1);

export interface ForeignKeyDef {
  table: string;
  name: string;
  definition: string;
}

/**
 * Drops the loaded tables' foreign keys, which would check every row as it goes in (one index probe a row
 * and key, millions of them), and returns them to be added again after the load, which checks them all at once.
 */
export async function dropForeignKeys(client: pg.Client): Promise<ForeignKeyDef[]> {
  const { rows } = await client.query<ForeignKeyDef>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
     from pg_constraint where contype = 'f' and conrelid::regclass::text = any($1)
     order by conrelid::regclass::text, conname`,
    [LOADED_TABLES],
  );
  for (const fk of rows) await client.query(`alter table ${fk.table} drop constraint ${fk.name}`);
  return rows;
}

/** Adds the foreign keys again (each validated over its table), spread over the streams given. */
export async function addForeignKeys(
  streams: pg.Client[],
  keys: ForeignKeyDef[],
  log: (line: string) => void,
) {
  const queue = [...keys];
  await Promise.all(
    streams.map(async (client) => {
      for (let fk = queue.shift(); fk; fk = queue.shift()) {
        const started = performance.now();
        await client.query(`alter table ${fk.table} add constraint ${fk.name} ${fk.definition}`);
        log(`  foreign key ${fk.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
}

/** The triggers migration 0009 put on the tables the history fills, whose work the load does set-wise. */
export const LOAD_TRIGGERS = [
  { table: 'forms', trigger: 'forms_search' },
  { table: 'forms', trigger: 'forms_accountability' },
  { table: 'form_measures', trigger: 'form_measures_search_ins' },
];

export async function setTriggers(client: pg.Client, enabled: boolean) {
  for (const { table, trigger } of LOAD_TRIGGERS) {
    await client.query(`alter table ${table} ${enabled ? 'enable' : 'disable'} trigger ${trigger}`);
  }
}

/**
 * What the accountability trigger (migration 0009, forms_accountability_sync) enters for each form inserted
 * while it was off, set-wise and with the same rules: one row per distinct holder traced at filing (those named
 * in `personIds` when it is a list), or one without a person when none is; decided when the form closed.
 */
export async function fillAccountability(client: pg.Client, afterFormId: number) {
  await client.query(
    `with held as (
       select f.id as form_id, h.person_id
       from forms f
       cross join lateral (select distinct (e->>'personId')::integer as person_id
                           from jsonb_array_elements(coalesce(f.responsible->'holders', '[]')) e) h
       where f.id > $1 and f.accountability is not null
         and (jsonb_typeof(f.accountability->'personIds') is distinct from 'array'
              or f.accountability->'personIds' @> to_jsonb(h.person_id))
     ),
     entries as (
       select form_id, person_id from held
       union all
       select f.id, null from forms f
       where f.id > $1 and f.accountability is not null and not exists (select 1 from held where held.form_id = f.id)
     )
     insert into accountability_records (form_id, person_id, post_id, unit_id, outcome, situation, basis, notes,
                                         decided_by, decided_at)
     select f.id, e.person_id, f.post_id, f.unit_id, f.accountability->>'outcome',
            f.accountability->'trigger'->>'situation', f.accountability->'trigger'->>'basis',
            nullif(f.accountability->>'notes', ''), (f.accountability->'decidedBy'->>'id')::integer,
            coalesce(f.closed_at, now())
     from entries e join forms f on f.id = e.form_id
     order by f.id, e.person_id`,
    [afterFormId],
  );
}
