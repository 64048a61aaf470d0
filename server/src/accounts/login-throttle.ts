// Failed sign-ins are counted in PostgreSQL, not Redis: a sign-in needs the database anyway, so the
// limits hold exactly when sign-in works (with Redis away they used to fail open). Three limits,
// each over a 15-minute window:
// - an account and address pair: 10 failures and that pair is refused (429 with Retry-After) until
//   its window passes; a success clears it. Keyed by both, so one office behind a shared address
//   is never locked out as a whole by someone else's typing.
// - an account, across all addresses: 50 failures (many addresses guessing one password) and the
//   account accepts sign-ins only from addresses it has signed in from before. Refusing everyone
//   would let an attacker lock a person out at will; refusing only new addresses stops the
//   guessing and leaves the person their usual places (and a password reset clears the count).
// - an address, across all accounts: 100 failures (one address trying many accounts) and that
//   address may sign in only to accounts that have signed in from it before. A colleague behind
//   the same address who has used the site there gets in with the right password; an account never
//   used from it waits out the window. Checking the password first and letting a correct one
//   through would tell the guesser which guess was right, so the cap would stop nothing.
import type { Database } from '@gaps/db';
import { type RawBuilder, sql } from 'kysely';
import { HttpError } from '../plugins/errors.ts';

export const MAX_FAILED_LOGINS = 10;
export const MAX_ACCOUNT_FAILURES = 50;
export const MAX_ADDRESS_FAILURES = 100;
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60;
/** How long a successful sign-in makes an address "one this account has used". */
export const KNOWN_ADDRESS_DAYS = 90;

const window = sql<Date>`now() - make_interval(secs => ${FAILED_LOGIN_WINDOW_SECONDS})`;

interface Counts {
  pair: number;
  account: number;
  address: number;
  pairSecondsLeft: number | null;
  accountSecondsLeft: number | null;
  addressSecondsLeft: number | null;
  known: boolean;
}

const tooMany = (secondsLeft: number | null, message: (minutes: number) => string) => {
  const retryAfter = Math.max(secondsLeft ?? FAILED_LOGIN_WINDOW_SECONDS, 1);
  return new HttpError(429, 'too_many_attempts', message(Math.ceil(retryAfter / 60)), {
    'retry-after': String(retryAfter),
  });
};

/** Throws 429 while this account and address may not try to sign in. */
export async function assertSignInAllowed(db: Database, email: string, ip: string): Promise<void> {
  // Seconds left: until the newest counted window passes, when the count has surely fallen.
  const secondsLeft = (filter: RawBuilder<unknown>) =>
    sql`ceil(extract(epoch FROM max(window_started_at) FILTER (WHERE ${filter}) + make_interval(secs => ${FAILED_LOGIN_WINDOW_SECONDS}) - now()))::int`;
  const isPair = sql`email = ${email} AND ip = ${ip}`;
  const isAccount = sql`email = ${email}`;
  const isAddress = sql`ip = ${ip}`;
  const { rows } = await sql<Counts>`
    SELECT
      coalesce(sum(failures) FILTER (WHERE ${isPair}), 0)::int AS pair,
      coalesce(sum(failures) FILTER (WHERE ${isAccount}), 0)::int AS account,
      coalesce(sum(failures) FILTER (WHERE ${isAddress}), 0)::int AS address,
      ${secondsLeft(isPair)} AS "pairSecondsLeft",
      ${secondsLeft(isAccount)} AS "accountSecondsLeft",
      ${secondsLeft(isAddress)} AS "addressSecondsLeft",
      EXISTS (
        SELECT 1 FROM sign_in_address JOIN person ON person.id = sign_in_address.person_id
        WHERE person.email = ${email} AND sign_in_address.ip = ${ip}
          AND sign_in_address.last_signed_in_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})
      ) AS known
    FROM failed_sign_in
    WHERE (email = ${email} OR ip = ${ip}) AND window_started_at > ${window}
  `.execute(db);
  const counts = rows[0]!;
  if (counts.pair >= MAX_FAILED_LOGINS) {
    throw tooMany(
      counts.pairSecondsLeft,
      (minutes) =>
        `Too many unsuccessful attempts. For your security, please wait ${minutes} minutes and try again, or choose a new password with "Forgotten your password?".`,
    );
  }
  if (counts.known) return;
  if (counts.account >= MAX_ACCOUNT_FAILURES) {
    throw tooMany(
      counts.accountSecondsLeft,
      (minutes) =>
        `This account has had many unsuccessful sign-ins from different places, so for its safety it accepts sign-ins only from networks it has used before. Please try again in ${minutes} minutes, or choose a new password with "Forgotten your password?".`,
    );
  }
  if (counts.address >= MAX_ADDRESS_FAILURES) {
    throw tooMany(
      counts.addressSecondsLeft,
      (minutes) =>
        `Too many unsuccessful sign-ins have come from your network, so for now it can sign in only to accounts that have been used from it before. Please try again in ${minutes} minutes, or from another network.`,
    );
  }
}

export async function recordFailedSignIn(db: Database, email: string, ip: string): Promise<void> {
  await db
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
    await db
      .deleteFrom('failed_sign_in')
      .where('window_started_at', '<', sql<Date>`now() - interval '1 day'`)
      .execute();
  }
}

/** A success clears the pair's count and makes the address one this account has used. */
export async function recordSuccessfulSignIn(db: Database, personId: string, email: string, ip: string) {
  await db.deleteFrom('failed_sign_in').where('email', '=', email).where('ip', '=', ip).execute();
  await db
    .insertInto('sign_in_address')
    .values({ person_id: personId, ip })
    .onConflict((oc) => oc.columns(['person_id', 'ip']).doUpdateSet({ last_signed_in_at: sql<Date>`now()` }))
    .execute();
}

/** A new password (from the inbox link) ends the guessing at the old one: the account starts afresh. */
export async function forgetFailedSignIns(db: Database, email: string) {
  await db.deleteFrom('failed_sign_in').where('email', '=', email).execute();
}
