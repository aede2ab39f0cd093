/** The per-address limit on the public verifier endpoints (pages and API alike). */
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { MemoryRateLimiter } from '../memory-rate-limit';
import { clientAddress } from './actor';

/** Public endpoints are rate limited per client address (in memory: a database write per check would cost more than the check). */
export async function limitPublic(c: AppContext, bucket: string) {
  const deps = c.get('deps');
  const { config } = deps;
  // One limiter per app, made through the app's cache kit; windows run on the wall clock (a limit is real time).
  const limiter = deps.caches.shared('public-verifier-limit', () => new MemoryRateLimiter());
  const d = limiter.hit(`${bucket}:${clientAddress(c)}`, config.VERIFY_RATE_PER_MINUTE, 60, Date.now());
  if (!d.allowed) {
    throw new AppError('rate_limited', 'Too many verification requests; try again shortly', {
      retryAfterSeconds: d.retryAfterSeconds,
    });
  }
}
