/** The per-address limit on the public verifier endpoints (pages and API alike). */
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { MemoryRateLimiter } from '../memory-rate-limit';
import { clientAddress } from './actor';

const limiters = new WeakMap<object, MemoryRateLimiter>();

/** Public endpoints are rate limited per client address (in memory: a database write per check would cost more than the check). */
export async function limitPublic(c: AppContext, bucket: string) {
  const deps = c.get('deps');
  const { config } = deps;
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new MemoryRateLimiter();
    limiters.set(deps, limiter);
  }
  const d = limiter.hit(`${bucket}:${clientAddress(c)}`, config.VERIFY_RATE_PER_MINUTE, 60, Date.now());
  if (!d.allowed) {
    throw new AppError('rate_limited', 'Too many verification requests; try again shortly', {
      retryAfterSeconds: d.retryAfterSeconds,
    });
  }
}
