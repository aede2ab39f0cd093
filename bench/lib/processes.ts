/** Child processes for the benchmarks: memory sampling from /proc, descendants, health waits, clean stops. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';

export interface MemorySample {
  /** Resident set size now, in KiB. */
  rssKiB: number;
  /** Peak resident set size the kernel recorded for the process (VmHWM), in KiB. */
  hwmKiB: number;
}

/** Reads VmRSS and VmHWM from /proc/<pid>/status text; null when absent (e.g. a zombie). */
export function parseProcStatus(text: string): MemorySample | null {
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(text);
  if (!rss || !hwm) return null;
  return { rssKiB: Number(rss[1]), hwmKiB: Number(hwm[1]) };
}

export function readMemory(pid: number): MemorySample | null {
  try {
    return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every live process whose parent chain leads to `root` (not `root` itself), with its command line. */
export function descendants(root: number): { pid: number; cmd: string }[] {
  const parentOf = new Map<number, number>();
  const cmdOf = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command in stat is parenthesised and may hold spaces; the parent pid is the 2nd field after it.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(after[1]));
      cmdOf.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      /* exited while we looked */
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  for (const [pid] of parentOf) {
    let p = parentOf.get(pid);
    for (let depth = 0; p !== undefined && p > 1 && depth < 20; depth++) {
      if (p === root) {
        out.push({ pid, cmd: cmdOf.get(pid) ?? '' });
        break;
      }
      p = parentOf.get(p);
    }
  }
  return out;
}

/**
 * Samples the memory of the processes `pids()` names every `intervalMs` until stopped; reports the peak of
 * their summed RSS and the largest VmHWM any of them recorded (the kernel's own peak, which sampling can miss).
 */
export function memoryPoller(pids: () => number[], intervalMs = 100) {
  let peakSumKiB = 0;
  let peakHwmKiB = 0;
  let lastSumKiB = 0;
  let samples = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of pids()) {
      const m = readMemory(pid);
      if (!m) continue;
      sum += m.rssKiB;
      peakHwmKiB = Math.max(peakHwmKiB, m.hwmKiB);
    }
    lastSumKiB = sum;
    peakSumKiB = Math.max(peakSumKiB, sum);
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMiB: peakSumKiB / 1024, peakHwmMiB: peakHwmKiB / 1024, lastRssMiB: lastSumKiB / 1024, samples };
    },
  };
}

/** Polls `url` until it answers 2xx; resolves with the milliseconds waited. Throws on timeout or when `alive()` turns false. */
export async function waitForOk(
  url: string,
  {
    timeoutMs = 60_000,
    alive = (): boolean => true,
    intervalMs = 100,
  }: { timeoutMs?: number; alive?: () => boolean; intervalMs?: number } = {},
): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (!alive()) throw new Error(`the process serving ${url} exited`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.ok) return performance.now() - t0;
    } catch {
      /* not up yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Stops a child started with `detached: true` by signalling its own process group (and only that group). */
export async function stopGroup(proc: ChildProcess, graceMs = 5000): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-(proc.pid as number), s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), graceMs)),
  ]);
  if (timedOut) {
    signal('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  } else {
    // The leader can exit before its children (wrangler before workerd): give them a moment, then make sure.
    await new Promise((r) => setTimeout(r, 500));
    signal('SIGKILL');
  }
}

const live = new Map<ChildProcess, boolean>();
const dirs = new Set<string>();

/** A temporary directory to remove if the benchmark process ends early (normal paths remove it themselves). */
export function trackDir(dir: string): void {
  dirs.add(dir);
}

/**
 * Remembers a child so it is killed if the benchmark process ends early (Ctrl-C, a timeout, a crash):
 * `group` children were started detached and are killed with their whole process group (wrangler's workerd).
 */
export function track(proc: ChildProcess, group: boolean): void {
  live.set(proc, group);
  proc.once('exit', () => live.delete(proc));
}

/** Kills every tracked child that is still running (synchronous, so it also works in an 'exit' handler). */
export function killTracked(): void {
  for (const [proc, group] of live) {
    try {
      if (group && proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
      else proc.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}
