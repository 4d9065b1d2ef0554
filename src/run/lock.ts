/**
 * One run per folder: a run holds a lock on its folder (`RUN/.lock`, made with proper-lockfile: an atomic mkdir whose
 * mtime the holder refreshes, so a lock left by a dead process on another machine goes stale) from before it reads
 * the folder until it has written its last file. A second run on the folder is refused with a message naming the
 * holder (pid, host, command, since when). A lock left by a process of this host that no longer exists (kill -9) is
 * taken over at once rather than after the stale time.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import { OutputError } from '../errors.js';

/** The lock folder inside a run folder. */
export const LOCK_DIR = '.lock';
/** Who holds the lock, beside it (inside, it would stop proper-lockfile removing a stale lock folder). */
const OWNER = '.lock-owner.json';
/** A lock not refreshed for this long is stale (its holder died on some machine). */
const STALE_MS = 30_000;

interface Owner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

function readOwner(dir: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, OWNER), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock on run folder `dir` (which must exist), or throws `OutputError` naming its holder. Returns the
 * function that releases it.
 * @example
 * const release = await lockRun('output/run', 'generate');
 * try { ... } finally { await release(); }
 */
export async function lockRun(dir: string, command: string): Promise<() => Promise<void>> {
  const opts = { lockfilePath: join(dir, LOCK_DIR), stale: STALE_MS, update: STALE_MS / 3, retries: 0, realpath: false } as const;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, { ...opts, onCompromised: () => undefined });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw new OutputError(`cannot lock ${dir}: ${(err as Error).message}`);
    const owner = readOwner(dir);
    if (owner && owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid)) {
      // Its holder died (kill -9, power cut of a worker): the lock is ours to take.
      rmSync(join(dir, LOCK_DIR), { recursive: true, force: true });
      rmSync(join(dir, OWNER), { force: true });
      return lockRun(dir, command);
    }
    const who = owner ? `process ${owner.pid} on ${owner.host} (${owner.command}, since ${owner.since})` : 'another process';
    throw new OutputError(`${dir} is in use by ${who}; wait for it to finish, or stop it (its lock goes stale ${STALE_MS / 1000} s after it dies)`);
  }
  const owner: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command };
  writeFileSync(join(dir, OWNER), JSON.stringify(owner));
  return async () => {
    rmSync(join(dir, OWNER), { force: true });
    await release().catch(() => undefined);
  };
}
