/**
 * `webdataset`: tar shards in `RUN/webdataset/` (`shard-000000.tar`, `shard-000001.tar`, ...) as the `webdataset`
 * library, `datasets`' "webdataset" builder and torchdata read them. Each page is two members next to each other:
 * `<key>.<ext>` (the encoded image) and `<key>.json` (image_id, file_name, width, height, split, and `objects`: id,
 * bbox `[x, y, w, h]`, category name, category_id, iscrowd, area, segmentation: COCO's fields, crowd boxes included).
 *
 * Tar of a page = k = floor(page index / shardSize) (`--shard-size`, default 1000): the page index, not the order pages
 * arrive in, decides it. Names (`shardName`), so that every file of a run sorts into one sequence in page order:
 * - a one-machine run: `shard-{k:06}.tar` (shard-000000.tar, shard-000001.tar, ...);
 * - a run made as machine shard i of N > 1 (`--shard i/N`): `shard-{k:06}-{i:04}.tar`. A machine shard's page range
 *   need not start or end at a multiple of shardSize, so tar k may be split between machines i and i + 1: each writes
 *   its part under its own name (shard-000001-0000.tar, shard-000001-0001.tar), and since machine shards are
 *   contiguous page ranges in index order, sorting the names of all machines' files gives the pages in order.
 *   `pagesynth merge` keeps these names (it renumbers the annotation ids in the .json members, which each machine
 *   counts from 1). The machine-shard number has at least 4 digits (more when N > 10000: one width in a run).
 *
 * Deterministic tar: ustar headers with mtime 0, mode 0644, uid/gid 0, empty uname/gname (written with `tar-stream`).
 * Streaming: one page in memory at a time; each member waits until the file stream has taken it (backpressure).
 *
 * Atomic: the shards are written in `RUN/webdataset.partial/`, renamed to `RUN/webdataset` by `finish()`; `abort()`
 * removes the folder, complete shards too (a folder of shards that looks complete but is missing pages would be
 * worse than none). Inside it the shard being written is `shard-XXXXXX.tar.partial`, renamed when closed, so a
 * `.tar` there is always whole.
 *
 * Resume (`--resume`): a checkpoint records the open shard and the bytes its members take (a ustar member is a 512-byte
 * header and its data padded to 512), once the file holds them; a resumed writer cuts the shard's file back to that
 * length (there is no end-of-archive block until the shard closes) and goes on appending.
 */
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { rename, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, type Pack } from 'tar-stream';
import { cocoAnnotation } from '../../annotate/coco.js';
import { invalidParameter, OutputError } from '../../errors.js';
import type { Split, Writer, WriterContext, WriterDefinition, WriterPage, WriterState, WriterSummary } from './types.js';
import { AnnotationIds, asBuffer, InFlight, PartialDir } from './util.js';

/** Pages per shard when `--shard-size` is not given. */
export const DEFAULT_SHARD_SIZE = 1000;

/** The fixed metadata of every member (no dates, owners or modes from the machine that wrote it). */
const MEMBER = { mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(0), type: 'file' } as const;

/** One object of a page's .json member. */
export interface WdsObject {
  id: number;
  bbox: [number, number, number, number];
  category: string;
  category_id: number;
  iscrowd: 0 | 1;
  area: number;
  segmentation: number[][];
}

/** A page's .json member. */
export interface WdsLabels {
  image_id: number;
  file_name: string;
  width: number;
  height: number;
  split: Split;
  objects: WdsObject[];
}

/**
 * The name of the tar holding page `index`: `shard-{k:06}.tar` with k = floor(index / shardSize), and in a run made
 * as machine shard i of N > 1 (`machine`) `shard-{k:06}-{i:04}.tar` (see the module comment: all machines' names sort
 * into page order).
 * @example
 * shardName(2500, 1000) // 'shard-000002.tar'
 * shardName(2500, 1000, { index: 3, count: 4 }) // 'shard-000002-0003.tar'
 */
export function shardName(index: number, shardSize: number, machine?: { index: number; count: number }): string {
  const k = String(Math.floor(index / shardSize)).padStart(6, '0');
  if (!machine || machine.count <= 1) return `shard-${k}.tar`;
  return `shard-${k}-${String(machine.index).padStart(Math.max(4, String(machine.count - 1).length), '0')}.tar`;
}

/**
 * A page's labels as its .json member holds them; annotation ids from `firstId` (the coco writer's numbering).
 * @example wdsLabels(page, 1).objects[0].category // 'Text'
 */
export function wdsLabels(page: WriterPage, firstId: number): WdsLabels {
  const objects = page.boxes.map((b, k): WdsObject => {
    const a = cocoAnnotation(firstId + k, page.imageId, b.categoryId, b.box, { ...(b.polygons ? { polygons: b.polygons } : {}), crowd: !!b.crowd });
    return { id: a.id, bbox: a.bbox, category: b.category, category_id: b.categoryId, iscrowd: a.iscrowd, area: a.area, segmentation: a.segmentation };
  });
  return { image_id: page.imageId, file_name: page.fileName, width: page.width, height: page.height, split: page.split, objects };
}

/** An open shard: the tar stream, the file it is piped to, and the pipe's end. */
interface OpenShard {
  number: number;
  path: string;
  pack: Pack;
  piped: Promise<void>;
  file: WriteStream;
  /** Bytes of the members added so far (the file's length once they are written). */
  bytes: number;
  /** Bytes the file already held when a resumed writer opened it (the stream's own count starts at 0). */
  resumedAt?: number;
}

/** Bytes a ustar member takes: its header block and its data padded to whole blocks. */
function memberBytes(size: number): number {
  return 512 + Math.ceil(size / 512) * 512;
}

class WebDatasetWriter implements Writer {
  private readonly dir: PartialDir;
  private readonly work = new InFlight();
  private ids = new AnnotationIds();
  private shard: OpenShard | undefined;
  private lastShard = -1;
  private shards = 0;
  private pages = 0;
  private boxes = 0;
  private done = false;

  constructor(private readonly shardSize: number, private readonly ctx: WriterContext) {
    this.dir = new PartialDir(ctx.out, 'webdataset');
  }

  start(resume?: WriterState): Promise<void> {
    return this.work.run(async () => {
      if (!resume) return this.dir.create();
      const s = resume as { pages: number; boxes: number; shards: number; ids: number; lastShard: number; open: { number: number; bytes: number } | null };
      await this.dir.reuse();
      this.pages = s.pages;
      this.boxes = s.boxes;
      this.shards = s.shards;
      this.ids = new AnnotationIds(s.ids);
      this.lastShard = s.lastShard;
      if (s.open) {
        const partial = this.shardPath(s.open.number);
        // Killed after the shard was closed and renamed but before the checkpoint: take the file back.
        const whole = partial.slice(0, -'.partial'.length);
        if (!existsSync(partial) && existsSync(whole)) await rename(whole, partial);
        await truncate(partial, s.open.bytes);
        this.openShard(s.open.number, s.open.bytes);
      }
    });
  }

  checkpoint(): Promise<WriterState> {
    return this.work.run(async () => {
      const open = this.shard;
      // The members are in the file once the file stream has written as many bytes as they take.
      if (open) while (open.file.bytesWritten < open.bytes - (open.resumedAt ?? 0)) await new Promise((r) => setTimeout(r, 1));
      return { pages: this.pages, boxes: this.boxes, shards: this.shards, ids: this.ids.numbered, lastShard: this.lastShard, open: open ? { number: open.number, bytes: open.bytes } : null };
    });
  }

  page(p: WriterPage): Promise<void> {
    return this.work.run(async () => {
      const number = Math.floor(p.index / this.shardSize);
      if (number < this.lastShard) throw new OutputError(`webdataset: page ${p.index} arrived after shard ${this.lastShard} was started (pages must come in index order)`);
      if (this.shard && this.shard.number !== number) await this.closeShard();
      const shard = this.shard ?? this.openShard(number);
      const labels = wdsLabels(p, this.ids.next(p));
      await this.entry(shard, `${p.key}.${p.ext}`, asBuffer(p.image));
      await this.entry(shard, `${p.key}.json`, Buffer.from(JSON.stringify(labels)));
      this.pages++;
      this.boxes += labels.objects.length;
    });
  }

  finish(): Promise<WriterSummary> {
    return this.work.run(async () => {
      await this.closeShard();
      await this.dir.commit();
      this.done = true;
      return { paths: ['webdataset'], counts: { pages: this.pages, shards: this.shards, boxes: this.boxes } };
    });
  }

  async abort(): Promise<void> {
    const shard = this.shard;
    this.shard = undefined;
    shard?.pack.destroy(new Error('webdataset writer aborted'));
    await this.work.settle();
    await shard?.piped.catch(() => undefined);
    if (!this.done) await this.dir.remove();
  }

  private shardPath(number: number): string {
    return join(this.dir.partial, `${shardName(number * this.shardSize, this.shardSize, this.ctx.shard)}.partial`);
  }

  /** Opens shard `number`'s file: a new one, or (resuming) the first `resumedAt` bytes of the one there. */
  private openShard(number: number, resumedAt?: number): OpenShard {
    const path = this.shardPath(number);
    const pack = tarPack();
    const file = createWriteStream(path, { flags: resumedAt !== undefined ? 'a' : 'w' });
    const piped = pipeline(pack, file);
    piped.catch(() => undefined); // awaited in closeShard/abort; this only keeps an early failure from going unhandled
    this.shard = { number, path, pack, piped, file, bytes: resumedAt ?? 0, ...(resumedAt !== undefined ? { resumedAt } : {}) };
    this.lastShard = number;
    return this.shard;
  }

  /** Ends the tar (two zero blocks), waits for the file, renames `shard-X.tar.partial` to `shard-X.tar`. */
  private async closeShard(): Promise<void> {
    const shard = this.shard;
    if (!shard) return;
    this.shard = undefined;
    shard.pack.finalize();
    await shard.piped;
    await rename(shard.path, shard.path.slice(0, -'.partial'.length));
    this.shards++;
  }

  /** Adds one member; resolves when the tar stream has taken its bytes (after 'drain' when the file is behind). */
  private entry(shard: OpenShard, name: string, data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      shard.bytes += memberBytes(data.byteLength);
      shard.pack.entry({ ...MEMBER, name, size: data.byteLength }, data, (err) => (err ? reject(err) : resolve()));
    });
  }
}

/** WebDataset tar shards: `RUN/webdataset/shard-XXXXXX.tar`, `<key>.<ext>` + `<key>.json` per page. */
export const webdatasetWriter: WriterDefinition = {
  name: 'webdataset',
  summary: 'webdataset/ (tar shards of --shard-size pages: <key>.png + <key>.json per page, for webdataset and streaming loaders)',
  owns: ['webdataset'],
  options: ['shardSize'],
  create(ctx) {
    const size = ctx.options.shardSize ?? DEFAULT_SHARD_SIZE;
    if (!Number.isInteger(size) || size < 1) throw invalidParameter('--shard-size', 'a positive integer', size);
    return new WebDatasetWriter(size, ctx);
  },
};
