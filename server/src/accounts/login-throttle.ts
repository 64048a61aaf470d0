// Failed sign-ins are counted per account and address in PostgreSQL: 10 within 15 minutes and that
// pair is refused (429 with Retry-After) until the window passes. A success clears the count.
// PostgreSQL, not Redis: a sign-in needs the database anyway, so the lock-out holds exactly when
// sign-in works (with Redis away it used to fail open, leaving brute force unlimited). Keyed by
// account and address, so one office behind a shared address is never locked out as a whole.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { HttpError } from '../plugins/errors.ts';

export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60;

const window = sql<Date>`now() - make_interval(secs => ${FAILED_LOGIN_WINDOW_SECONDS})`;

export class LoginThrottle {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Throws 429 while this account and address are locked out. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const row = await this.db
      .selectFrom('failed_sign_in')
      .select(
        sql<number>`ceil(extract(epoch FROM window_started_at + make_interval(secs => ${FAILED_LOGIN_WINDOW_SECONDS}) - now()))::int`.as(
          'secondsLeft',
        ),
      )
      .where('email', '=', email)
      .where('ip', '=', ip)
      .where('failures', '>=', MAX_FAILED_LOGINS)
      .where('window_started_at', '>', window)
      .executeTakeFirst();
    if (!row) return;
    const retryAfter = Math.max(row.secondsLeft, 1);
    throw new HttpError(
      429,
      'too_many_attempts',
      `Too many unsuccessful attempts. For your security, please wait ${Math.ceil(retryAfter / 60)} minutes and try again, or choose a new password with "Forgotten your password?".`,
      { 'retry-after': String(retryAfter) },
    );
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.db
      .insertInto('failed_sign_in')
      .values({ email, ip, failures: 1 })
      .onConflict((oc) =>
        oc.columns(['email', 'ip']).doUpdateSet({
          // A failure after the window has passed starts a new one.
          failures: sql<number>`CASE WHEN failed_sign_in.window_started_at > ${window} THEN failed_sign_in.failures + 1 ELSE 1 END`,
          window_started_at: sql<Date>`CASE WHEN failed_sign_in.window_started_at > ${window} THEN failed_sign_in.window_started_at ELSE now() END`,
        }),
      )
      .execute();
    // Keep the table to the pairs that matter: windows long past are of no use to anyone.
    if (Math.random() < 0.01) {
      await this.db
        .deleteFrom('failed_sign_in')
        .where('window_started_at', '<', sql<Date>`now() - interval '1 day'`)
        .execute();
    }
  }

  async clear(email: string, ip: string): Promise<void> {
    await this.db.deleteFrom('failed_sign_in').where('email', '=', email).where('ip', '=', ip).execute();
  }
}
