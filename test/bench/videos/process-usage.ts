/**
 * CPU time of a process tree from /proc (Linux): the process itself (all its threads, so the
 * function runner's worker threads too), the children it has already waited for (ffmpeg,
 * pocketsphinx: `cutime`/`cstime`), and the descendants still running (DynamoDB Local's JVM, the
 * ffmpeg of the moment). Two readings subtracted give what the tree used in between, split by who.
 */
import { readFile, readdir } from 'node:fs/promises';

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`, 100 on Linux x86-64). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  parent: number;
  name: string;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime (children waited for), seconds. */
  children: number;
}

async function readStat(pid: number): Promise<ProcStat | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!text) return null;
  const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  // Fields after the name: state (0), ppid (1), … utime (11), stime (12), cutime (13), cstime (14).
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (index: number) => Number(fields[index]) / TICKS_PER_SECOND;
  return { pid, parent: Number(fields[1]), name, own: at(11) + at(12), children: at(13) + at(14) };
}

/** CPU seconds of a process tree at one moment, by who used them. */
export interface TreeCpu {
  /** The root process: every thread (the API, the bus, the function runner's workers). */
  root: number;
  /** Children the root has waited for, summed by the kernel. */
  finishedChildren: number;
  /** Descendants alive at the reading, by command name. */
  running: Record<string, number>;
  total: number;
}

/** Reads the CPU time used so far by `pid` and everything under it. */
export async function treeCpu(pid: number): Promise<TreeCpu> {
  const stats: ProcStat[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  const root = stats.find((stat) => stat.pid === pid);
  if (!root) return { root: 0, finishedChildren: 0, running: {}, total: 0 };
  const byParent = new Map<number, ProcStat[]>();
  for (const stat of stats) byParent.set(stat.parent, [...(byParent.get(stat.parent) ?? []), stat]);
  const running: Record<string, number> = {};
  const visit = (parent: number) => {
    for (const child of byParent.get(parent) ?? []) {
      running[child.name] = (running[child.name] ?? 0) + child.own;
      visit(child.pid);
    }
  };
  visit(pid);
  const total = root.own + root.children + Object.values(running).reduce((sum, value) => sum + value, 0);
  return { root: root.own, finishedChildren: root.children, running, total };
}

/** What the tree used between two readings. */
export function cpuBetween(before: TreeCpu, after: TreeCpu): TreeCpu {
  const running: Record<string, number> = {};
  for (const name of new Set([...Object.keys(before.running), ...Object.keys(after.running)])) {
    const used = (after.running[name] ?? 0) - (before.running[name] ?? 0);
    if (used > 0) running[name] = used;
  }
  return {
    root: after.root - before.root,
    finishedChildren: after.finishedChildren - before.finishedChildren,
    running,
    total: after.total - before.total,
  };
}
