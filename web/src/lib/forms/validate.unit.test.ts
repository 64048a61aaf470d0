import { expect, test } from 'vitest';
import { Checks, splitList } from './validate.ts';

test('splitList splits on commas and new lines, trims and drops repeats', () => {
  expect(splitList(' Kent.ac.uk, kent.ac.uk ,\nexample.org,, ', { lowercase: true })).toEqual([
    'kent.ac.uk',
    'example.org',
  ]);
  expect(splitList('Child protection, ethics')).toEqual(['Child protection', 'ethics']);
});

test('checks mirror the API rules and keep the first problem per field', () => {
  const errors = new Checks()
    .required('name', '  ', 'Tell us your name.')
    .email('email', 'not-an-address')
    .newPassword('password', 'short')
    .orcid('orcid', '0000-0002-1825-009X')
    .domains('emailDomains', ['kent.ac.uk', 'nodot']).errors;
  expect(Object.keys(errors)).toEqual(['name', 'email', 'password', 'emailDomains']);
  expect(errors.emailDomains).toContain('“nodot”');
  expect(new Checks().orcid('orcid', '1234').errors.orcid).toContain('0000-0002-1825-0097');
});
