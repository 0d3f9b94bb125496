import net from 'node:net';

/** One result line per scenario: the figure, the reference measured in the same run, and value ÷ ref. */
export function report(name: string, value: number, unit: string, ref: number): void {
  const ratio = ref === 0 ? 0 : value / ref;
  console.log(`BENCH name=${name} value=${round(value)} unit=${unit} ref=${round(ref)} ratio=${ratio.toFixed(3)}`);
}

function round(n: number): number {
  return n >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs `total` calls of fn with `concurrency` in flight; returns calls per second. */
export async function throughput(total: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      await fn(i);
    }
  }));
  return total / ((performance.now() - t0) / 1000);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * Times `a(i)` and `b(i)` alternately, one call of each per round, so that both series see the same
 * load when the machine is shared; the first `warm` rounds are not recorded. Milliseconds per call.
 */
export async function alternate(n: number, warm: number, a: (i: number) => Promise<void>, b: (i: number) => Promise<void>): Promise<{ api: number[]; direct: number[] }> {
  const api: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    let t0 = performance.now();
    await a(i);
    if (i >= warm) api.push(performance.now() - t0);
    t0 = performance.now();
    await b(i);
    if (i >= warm) direct.push(performance.now() - t0);
  }
  return { api, direct };
}
