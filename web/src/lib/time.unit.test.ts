import { expect, test } from 'vitest';
import { describeDeadline, describeInstant, fromLocalInput, toLocalInput, zoneName } from './time.ts';

// The awards' deadline: the end of 1 July in London (BST, UTC+1), i.e. 2 July 00:00 local.
const awardsDeadline = '2027-07-01T23:00:00.000Z';

test('a midnight deadline is named after the day it ends', () => {
  expect(describeInstant(awardsDeadline, 'Europe/London')).toBe('midnight at the end of 1 July 2027');
  expect(describeInstant('2027-07-01T16:00:00.000Z', 'Europe/London')).toBe('17:00 on 1 July 2027');
});

test('the deadline is given in the call’s zone, and in the viewer’s when their clock differs', () => {
  expect(describeDeadline(awardsDeadline, 'Europe/London', 'Europe/London')).toBe(
    'midnight at the end of 1 July 2027, London time',
  );
  expect(describeDeadline(awardsDeadline, 'Europe/London', 'Europe/Paris')).toBe(
    'midnight at the end of 1 July 2027, London time (01:00 on 2 July in your time zone, Europe/Paris)',
  );
  expect(describeDeadline(awardsDeadline, 'Europe/London', 'America/New_York')).toBe(
    'midnight at the end of 1 July 2027, London time (19:00 on 1 July in your time zone, America/New York)',
  );
  expect(zoneName('America/New_York')).toBe('New York time');
});

test('wall times turn into instants and back, and times the clocks skip are refused', () => {
  expect(fromLocalInput('2027-07-02T00:00', 'Europe/London')?.toISOString()).toBe(awardsDeadline);
  expect(fromLocalInput('2027-01-15T09:30', 'Europe/London')?.toISOString()).toBe('2027-01-15T09:30:00.000Z');
  expect(fromLocalInput('2027-03-28T01:30', 'Europe/London')).toBeNull();
  expect(fromLocalInput('2027-10-31T01:30', 'Europe/London')).not.toBeNull();
  expect(toLocalInput(awardsDeadline, 'Europe/London')).toBe('2027-07-02T00:00');
  expect(toLocalInput(awardsDeadline, 'Asia/Tokyo')).toBe('2027-07-02T08:00');
});
