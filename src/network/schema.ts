/**
 * The shape of a network file, checked with zod: which fields exist and their JSON types. Ranges, references
 * and the graph are checked afterwards (validate.ts). Each node is parsed on its own so one bad node does not
 * hide the problems of the others.
 */
import * as z from 'zod';
import { describe, quote } from '../errors.js';
import { listForMessage } from './nodes.js';
import type { ElementDef, NodeDef } from './types.js';

const numberList = z.array(z.number());
const paramRow = z.record(z.string(), z.union([z.number(), numberList], { error: 'expected a number or a list of numbers' }));

/** One node (any distribution; validate.ts checks which fields the distribution takes). */
export const NodeSchema = z.strictObject({
  dist: z.string(),
  description: z.string().optional(),
  parents: z.array(z.string()).optional(),
  values: z.array(z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' })).min(1).optional(),
  probs: numberList.optional(),
  categories: z.array(z.string()).min(1).optional(),
  params: paramRow.optional(),
  cpt: z.record(z.string(), z.union([numberList, paramRow], { error: 'expected a list of probabilities or a mapping of parameters' })).optional(),
  n: z.union([z.string(), z.number().int().min(0)], { error: 'expected a node name or a non-negative integer' }).optional(),
  p: z.union([z.string(), numberList, z.record(z.string(), z.number())], { error: 'expected a dirichlet node name, a list of probabilities or a mapping category: probability' }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  round: z.union([z.literal('integer'), z.number().int().min(0).max(12)], { error: 'expected "integer" or a number of decimals (0..12)' }).optional(),
});

/** A node as parsed, before semantic checks: `p` may still be a mapping. */
export type RawNode = Omit<NodeDef, 'dist' | 'p'> & { dist: string; p?: string | number[] | Record<string, number> };

const ElementSchema = z.strictObject({
  description: z.string().optional(),
  count: z.union([z.string(), z.number().int().min(0)], { error: 'expected a node name or a non-negative integer' }),
  nodes: z.record(z.string(), z.unknown()).optional(),
});

const FileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  nodes: z.record(z.string(), z.unknown()),
  elements: z.record(z.string(), z.unknown()).optional(),
  effects: z.unknown().optional(),
});

const EffectsSchema = z.strictObject({
  description: z.string().optional(),
  nodes: z.record(z.string(), z.unknown()),
});

/** Records a problem at a dotted path. */
export type Report = (path: string, message: string) => void;

/** Dotted path of `segments` under `base`: `nodes.columns.cpt.report`, list items as `parents[1]`. */
export function joinPath(base: string, ...segments: readonly PropertyKey[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown, fields: readonly string[]): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${listForMessage(issue.keys.map((k) => quote(k, 40)), 8)}; expected one of: ${fields.join(', ')}`;
    case 'invalid_type':
      return value === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, got ${describe(value)}`;
    case 'too_small':
      return issue.origin === 'array' ? `expected a non-empty list, got ${describe(value)}` : `${issue.message}, got ${describe(value)}`;
    default:
      return `${issue.message}, got ${describe(value)}`;
  }
}

/** Parses `input` with `schema`, reporting every issue under `base`; undefined when there were issues. */
function parseWith<T>(schema: z.ZodObject, input: unknown, base: string, report: Report): T | undefined {
  const r = schema.safeParse(input);
  if (r.success) return r.data as T;
  const fields = Object.keys(schema.shape);
  for (const issue of r.error.issues) report(joinPath(base, ...issue.path), issueMessage(issue, input, fields));
  return undefined;
}

/** A file's parts after the shape check. A node or element that failed is kept as null: its name exists. */
export interface FileStructure {
  name?: string;
  description?: string;
  nodes: Map<string, RawNode | null>;
  elements: Map<string, { def: Omit<ElementDef, 'nodes'> | null; nodes: Map<string, RawNode | null> }>;
  /** The `effects` section's nodes, if the file has one. */
  effects?: { description?: string; nodes: Map<string, RawNode | null> };
}

function entries(v: unknown): [string, unknown][] {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.entries(v) : [];
}

function parseNodes(input: unknown, base: string, report: Report): Map<string, RawNode | null> {
  const out = new Map<string, RawNode | null>();
  for (const [name, raw] of entries(input)) out.set(name, parseWith<RawNode>(NodeSchema, raw, joinPath(base, name), report) ?? null);
  return out;
}

/** Checks the shape of a whole file. Returns whatever parts are usable; every issue goes to `report`. */
export function parseStructure(raw: unknown, report: Report): FileStructure {
  const top = parseWith<z.infer<typeof FileSchema>>(FileSchema, raw, '', report);
  const rec = top ?? (typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {});
  const elements: FileStructure['elements'] = new Map();
  for (const [type, rawEl] of entries(rec.elements)) {
    const base = joinPath('elements', type);
    const def = parseWith<z.infer<typeof ElementSchema>>(ElementSchema, rawEl, base, report);
    const nodes = parseNodes(def ? def.nodes : (rawEl as Record<string, unknown> | null)?.nodes, joinPath(base, 'nodes'), report);
    elements.set(type, { def: def ? { count: def.count, ...(def.description !== undefined && { description: def.description }) } : null, nodes });
  }
  let effects: FileStructure['effects'];
  if (rec.effects !== undefined) {
    const def = parseWith<z.infer<typeof EffectsSchema>>(EffectsSchema, rec.effects, 'effects', report);
    effects = { nodes: parseNodes(def ? def.nodes : (rec.effects as Record<string, unknown> | null)?.nodes, 'effects.nodes', report) };
    if (def?.description !== undefined) effects.description = def.description;
  }
  return {
    ...(effects ? { effects } : {}),
    name: typeof rec.name === 'string' ? rec.name : undefined,
    description: typeof rec.description === 'string' ? rec.description : undefined,
    nodes: parseNodes(rec.nodes, 'nodes', report),
    elements,
  };
}
