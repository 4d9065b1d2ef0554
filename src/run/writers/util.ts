/**
 * Helpers the yolo, hf and webdataset writers share: a folder written under a `.partial` name and renamed when
 * complete, streamed text files that respect backpressure, YAML that Python's PyYAML reads back as written, and the
 * small numeric conversions of box formats.
 */
import { createWriteStream, existsSync, truncateSync, writeFileSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { Document, YAMLMap } from 'yaml';
import type { XYXY } from '../../types.js';
import type { PageBox } from './types.js';

/**
 * A writer's folder `out/name`, written as `out/name.partial` and renamed into place by `commit()`: until then no
 * folder of the final name exists, so a run that dies leaves nothing that looks complete.
 * @example
 * const dir = new PartialDir('/runs/r1', 'yolo');
 * await dir.create(); // /runs/r1/yolo.partial, emptied
 * await writeFile(join(dir.partial, 'data.yaml'), text);
 * await dir.commit(); // now /runs/r1/yolo
 */
export class PartialDir {
  /** The final folder (absolute when `out` is). */
  readonly final: string;
  /** Where everything is written until `commit()`. */
  readonly partial: string;

  constructor(out: string, readonly name: string) {
    this.final = join(out, name);
    this.partial = `${this.final}.partial`;
  }

  /** Makes an empty `name.partial` (removing what an earlier, killed process may have left there). */
  async create(): Promise<void> {
    await rm(this.partial, { recursive: true, force: true });
    await mkdir(this.partial, { recursive: true });
  }

  /** Keeps what an earlier process wrote in `name.partial` (`--resume`); makes it when missing. */
  async reuse(): Promise<void> {
    await mkdir(this.partial, { recursive: true });
  }

  /** Renames `name.partial` to `name`; a stale `name` (the run normally removed it before `start`) is replaced. */
  async commit(): Promise<void> {
    await rm(this.final, { recursive: true, force: true });
    await rename(this.partial, this.final);
  }

  /** Removes `name.partial` and everything in it; the final folder, if any, is left alone. */
  async remove(): Promise<void> {
    await rm(this.partial, { recursive: true, force: true });
  }
}

/**
 * Runs the async steps of a writer one at a time and remembers the one in flight, so that `abort()` can wait for it
 * before removing files (a write still running after `rm` would re-create what was removed).
 * @example
 * const work = new InFlight();
 * await work.run(() => writeFile(path, bytes));
 * await work.settle(); // in abort(): never throws
 */
export class InFlight {
  private current: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const p = this.current.then(step, step);
    this.current = p.catch(() => undefined);
    return p;
  }

  /** Resolves once the step in flight, if any, has ended (successfully or not). */
  async settle(): Promise<void> {
    await this.current;
  }
}

/**
 * A text file written as a stream, line by line, waiting for 'drain' when the OS is slower than the writer.
 * @example
 * const f = new TextStream('/runs/r1/hf.partial/train/metadata.jsonl');
 * await f.write('{"file_name":"000001.png"}\n');
 * await f.close();
 */
export class TextStream {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private written = 0;

  /** `resumeAt`: keep the file's first `resumeAt` bytes (what a checkpoint recorded) and append after them. */
  constructor(readonly path: string, resumeAt?: number) {
    if (resumeAt !== undefined) {
      if (!existsSync(path)) writeFileSync(path, '');
      truncateSync(path, resumeAt);
      this.written = resumeAt;
    }
    this.stream = createWriteStream(path, { flags: resumeAt !== undefined ? 'a' : 'w' });
    this.stream.on('error', (err) => (this.failure ??= err));
  }

  /** Bytes in the file once everything written so far is flushed. */
  get bytes(): number {
    return this.written;
  }

  /** Resolves when every chunk written so far is in the file (a process killed after this loses none of it). */
  async flush(): Promise<number> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => this.stream.write(Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
    return this.written;
  }

  async write(chunk: string): Promise<void> {
    this.written += Buffer.byteLength(chunk);
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) {
      // Wait for 'drain' or 'close', removing the other's listener (a race of two once() promises leaks one per wait).
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.closed) return;
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  /** Stops at once; later writes fail, and errors of writes still pending are swallowed. */
  destroy(): void {
    this.stream.destroy();
  }
}

/**
 * YAML text that Python's PyYAML (YAML 1.1: Ultralytics, huggingface_hub) reads back as written: strings such as
 * `yes`, `on` or `1_000` are quoted. `intKeyMaps` names top-level keys whose value, a list of strings, is written as
 * a map `0: first` ... with integer keys (YOLO's `names`). `comments` adds a comment after a top-level key's value.
 * @example
 * yamlText({ train: 'images/train', names: ['Caption', 'yes'] }, { intKeyMaps: ['names'] })
 * // 'train: images/train\nnames:\n  0: Caption\n  1: "yes"\n'
 */
export function yamlText(value: Record<string, unknown>, opts: { intKeyMaps?: string[]; comments?: Record<string, string>; header?: string } = {}): string {
  const doc = new Document(value, { version: '1.1' });
  for (const key of opts.intKeyMaps ?? []) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    const map = new YAMLMap();
    list.forEach((name, i) => map.items.push(doc.createPair(i, name)));
    doc.set(key, map);
  }
  for (const [key, comment] of Object.entries(opts.comments ?? {})) {
    const node = doc.get(key, true) as { comment?: string | null } | undefined;
    if (node && typeof node === 'object') node.comment = ` ${comment}`;
  }
  if (opts.header) doc.commentBefore = opts.header.split('\n').map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/**
 * `v` limited to [lo, hi].
 * @example clamp(1.2, 0, 1) // 1
 */
export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * A number in [0, 1] with 6 decimals, as YOLO label files hold them (never `-0.000000`).
 * @example norm6(5, 40) // '0.125000'
 */
export function norm6(v: number, size: number): string {
  return (clamp(v / size, 0, 1) + 0).toFixed(6);
}

/**
 * The box cut to the page `[0, width] x [0, height]`.
 * @example clipBox({ x0: -2, y0: 3, x1: 50, y1: 9 }, 40, 30) // { x0: 0, y0: 3, x1: 40, y1: 9 }
 */
export function clipBox(b: XYXY, width: number, height: number): XYXY {
  return { x0: clamp(b.x0, 0, width), y0: clamp(b.y0, 0, height), x1: clamp(b.x1, 0, width), y1: clamp(b.y1, 0, height) };
}

/**
 * The rectangle of a box as a polygon (x, y pairs, clockwise from the top-left corner), as COCO's writer makes it.
 * @example rectanglePolygon({ x0: 1, y0: 2, x1: 11, y1: 32 }) // [1, 2, 11, 2, 11, 32, 1, 32]
 */
export function rectanglePolygon(b: XYXY): number[] {
  return [b.x0, b.y0, b.x1, b.y0, b.x1, b.y1, b.x0, b.y1];
}

/**
 * Annotation ids as the coco writer gives them: from 1, one per box of `page.boxes` (crowd boxes too) in page order,
 * so a box has the same id in every output of a run. Call `next(page)` once per page, in page order.
 * @example
 * const ids = new AnnotationIds();
 * ids.next(page) // the first id of this page's boxes: 1, then 1 + page.boxes.length, ...
 */
export class AnnotationIds {
  /** `count`: boxes numbered before (a resumed run's). */
  constructor(private count = 0) {}

  /** Boxes numbered so far. */
  get numbered(): number {
    return this.count;
  }

  /** The id of the page's first box; the page's boxes take the ids from there on. */
  next(page: { boxes: readonly PageBox[] }): number {
    const first = this.count + 1;
    this.count += page.boxes.length;
    return first;
  }
}

/**
 * A `Buffer` view of encoded bytes, without copying them (tar-stream takes only Buffers as entry bodies).
 * @example asBuffer(page.image).byteLength === page.image.byteLength
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
