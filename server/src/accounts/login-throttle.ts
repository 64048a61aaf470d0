// Failed sign-ins are counted per account and address in Redis: 10 within 15 minutes and that
// pair is refused (429 with Retry-After) until the window passes. A success clears the count.
import type { Redis } from 'ioredis';
import { HttpError } from '../plugins/errors.ts';

export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60;

export class LoginThrottle {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly log: { warn(obj: object, msg: string): void };

  constructor(redis: Redis, prefix: string, log: { warn(obj: object, msg: string): void }) {
    this.redis = redis;
    this.prefix = prefix;
    this.log = log;
  }

  private key(email: string, ip: string) {
    return `${this.prefix}:failed-login:${email}:${ip}`;
  }

  /** Throws 429 while this account and address are locked out. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    try {
      const key = this.key(email, ip);
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
      if (Number(count ?? 0) >= MAX_FAILED_LOGINS) {
        const retryAfter = Math.max(ttl, 1);
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many unsuccessful attempts. For your security, please wait ${Math.ceil(retryAfter / 60)} minutes and try again, or choose a new password with "Forgotten your password?".`,
          { 'retry-after': String(retryAfter) },
        );
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      // Redis away: let people sign in (passwords are still checked) rather than lock everyone out.
      this.log.warn({ err: error }, 'login throttle unavailable');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    try {
      const key = this.key(email, ip);
      await this.redis.multi().incr(key).expire(key, FAILED_LOGIN_WINDOW_SECONDS, 'NX').exec();
    } catch (error) {
      this.log.warn({ err: error }, 'login throttle unavailable');
    }
  }

  async clear(email: string, ip: string): Promise<void> {
    try {
      await this.redis.del(this.key(email, ip));
    } catch {
      // best effort
    }
  }
}
