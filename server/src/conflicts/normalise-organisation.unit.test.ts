import { describe, expect, it } from 'vitest';
import { normaliseName, normaliseOrganisation, organisationNames } from './normalise-organisation.ts';

describe('organisation names', () => {
  it('spells one university one way', () => {
    const spellings = [
      'University of Essex',
      'Univ. of Essex',
      'the University of Essex',
      'Uni of Essex',
      'UNIVERSITY OF ESSEX.',
      'Essex University',
    ];
    expect(new Set(spellings.map(normaliseOrganisation))).toEqual(new Set(['university of essex']));
  });

  it('sets aside accents, "&" and punctuation', () => {
    expect(normaliseOrganisation('Université de Montréal')).toBe(normaliseOrganisation('Universite de Montreal'));
    expect(normaliseOrganisation('Tavistock & Portman NHS Foundation Trust')).toBe(
      normaliseOrganisation('Tavistock and Portman NHS Foundation Trust'),
    );
    expect(normaliseOrganisation('Dept. of Social Work')).toBe('department of social work');
    expect(normaliseOrganisation('Essex CC')).toBe(normaliseOrganisation('Essex County Council'));
    expect(normaliseOrganisation('St George’s, Univ. of London')).toBe('saint georges university of london');
  });

  it('keeps an NHS trust and an NHS foundation trust apart', () => {
    expect(normaliseOrganisation('Essex Partnership NHS Trust')).not.toBe(
      normaliseOrganisation('Essex Partnership NHS Foundation Trust'),
    );
  });

  it('finds the organisation inside a full affiliation, not the town or department', () => {
    const names = organisationNames('School of Health and Social Care, University of Essex, Colchester, UK');
    expect(names).toContain('university of essex');
    expect(names).not.toContain('colchester');
    expect(names).not.toContain('uk');
    expect(names).not.toContain('school of health and social care');
    expect(organisationNames('Essex County Council')).toEqual(['essex county council']);
    expect(organisationNames('  ')).toEqual([]);
  });

  it('compares people by name without accents or punctuation', () => {
    expect(normaliseName('Anne-Marie O’Brien')).toBe(normaliseName('anne marie obrien'));
    expect(normaliseName('Zoë Müller')).toBe('zoe muller');
  });
});
