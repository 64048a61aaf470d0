import { describe, expect, it } from 'vitest';
import { institutionalDomain, isPublicDomain, organisationDomain } from './email-domains.ts';

describe('e-mail domains', () => {
  it('reduces an address or subdomain to its organisation', () => {
    expect(organisationDomain('ann@psychology.essex.ac.uk')).toBe('essex.ac.uk');
    expect(organisationDomain('essex.ac.uk')).toBe('essex.ac.uk');
    expect(organisationDomain('bo@mail.barnardos.org.uk')).toBe('barnardos.org.uk');
    expect(organisationDomain('cy@socialcare.essex.gov.uk')).toBe('essex.gov.uk');
    expect(organisationDomain('di@nelft.nhs.uk')).toBe('nelft.nhs.uk');
    expect(organisationDomain('ed@essex.pnn.police.uk')).toBe('essex.pnn.police.uk');
    expect(organisationDomain('fi@cs.example.com')).toBe('example.com');
    expect(organisationDomain('gu@monash.edu.au')).toBe('monash.edu.au');
  });

  it('treats webmail, internet providers and shared public-sector domains as public', () => {
    for (const domain of [
      'gmail.com',
      'googlemail.com',
      'Outlook.com',
      'hotmail.co.uk',
      'hotmail.fr',
      'live.co.uk',
      'yahoo.com',
      'yahoo.co.uk',
      'icloud.com',
      'me.com',
      'aol.com',
      'proton.me',
      'protonmail.com',
      'gmx.de',
      'gmx.net',
      'btinternet.com',
      'sky.com',
      'virginmedia.com',
      'talktalk.net',
      'nhs.net',
      'nhs.scot',
      'wales.nhs.uk',
      'cjsm.net',
      'nhs.uk',
      'gov.uk',
    ]) {
      expect(isPublicDomain(domain), domain).toBe(true);
    }
    expect(institutionalDomain('someone@nhs.net')).toBeNull();
  });

  it('treats the domains reserved for examples and tests as nobody’s employer', () => {
    for (const domain of ['example.org', 'staff.example.com', 'example.net', 'st-etienne.example', 'uni.test']) {
      expect(isPublicDomain(domain), domain).toBe(true);
    }
    expect(isPublicDomain('example.org.uk')).toBe(false);
  });

  it('keeps trusts, councils, forces and universities as their own organisations', () => {
    for (const domain of ['nelft.nhs.uk', 'essex.gov.uk', 'essex.pnn.police.uk', 'essex.ac.uk', 'tavi-port.org']) {
      expect(isPublicDomain(domain), domain).toBe(false);
    }
    expect(institutionalDomain('Someone@Staff.Essex.ac.uk')).toBe('essex.ac.uk');
  });
});
