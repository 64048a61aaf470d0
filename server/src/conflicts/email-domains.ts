// Which part of an e-mail address names an organisation, and which providers do not. Two people
// at gmail.com have nothing in common; two at essex.ac.uk (or psychology.essex.ac.uk) share an
// employer. Shared UK public-sector domains count as public: nhs.net and nhs.scot are used by
// every NHS trust or board, wales.nhs.uk by all of NHS Wales, cjsm.net by the whole criminal
// justice system, so a shared address says nothing about who employs whom.

/** Providers anyone can sign up to, and domains shared by many unrelated employers. Exact matches. */
export const publicEmailDomains: ReadonlySet<string> = new Set([
  // Webmail
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aim.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'ymail.com',
  'rocketmail.com',
  'mail.com',
  'zoho.com',
  'fastmail.com',
  'fastmail.fm',
  'tutanota.com',
  'tuta.io',
  'hey.com',
  'qq.com',
  '163.com',
  'yandex.com',
  // UK internet providers
  'btinternet.com',
  'btopenworld.com',
  'sky.com',
  'virginmedia.com',
  'blueyonder.co.uk',
  'ntlworld.com',
  'talktalk.net',
  'tiscali.co.uk',
  'plus.net',
  'plusnet.com',
  'o2.co.uk',
  'orange.net',
  'ee.co.uk',
  // Shared by many public bodies: one address there names no single employer
  'nhs.net',
  'nhs.scot',
  'wales.nhs.uk',
  'hscni.net',
  'cjsm.net',
  'gcsx.gov.uk',
  'gsi.gov.uk',
  'pnn.police.uk',
  'nhs.uk',
  'gov.uk',
  'ac.uk',
  'sch.uk',
]);

/** Provider families with a domain per country (hotmail.co.uk, yahoo.fr, gmx.de): matched on the name. */
const publicProviderNames: ReadonlySet<string> = new Set(['hotmail', 'live', 'yahoo', 'gmx', 'outlook', 'aol', 'web']);

// Second-level labels under a country code that are registries, not organisations
// (essex.ac.uk, nelft.nhs.uk, essex.gov.uk, monash.edu.au).
const registryLabels: ReadonlySet<string> = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'gov',
  'govt',
  'org',
  'net',
  'nhs',
  'police',
  'sch',
  'ltd',
  'plc',
  'me',
  'mod',
  'nic',
]);
// Registries one level deeper: a police force's address is force.pnn.police.uk, a Northern Irish
// trust's trust.hscni.net, a government department's dept.gsi.gov.uk.
const deeperRegistries = ['pnn.police.uk', 'hscni.net', 'wales.nhs.uk', 'gsi.gov.uk', 'gcsx.gov.uk'];

/** The domain of an address (or a domain as typed), lower case, without a trailing dot. */
export function domainOf(emailOrDomain: string): string {
  const at = emailOrDomain.lastIndexOf('@');
  return (at >= 0 ? emailOrDomain.slice(at + 1) : emailOrDomain).trim().toLowerCase().replace(/\.+$/, '');
}

/** The organisation's own domain: psychology.essex.ac.uk → essex.ac.uk, mail.barnardos.org.uk → barnardos.org.uk. */
export function organisationDomain(emailOrDomain: string): string {
  const domain = domainOf(emailOrDomain);
  for (const registry of deeperRegistries) {
    if (domain.endsWith(`.${registry}`)) {
      const labels = domain.slice(0, -registry.length - 1).split('.');
      return `${labels[labels.length - 1]}.${registry}`;
    }
  }
  const labels = domain.split('.');
  const underRegistry =
    labels.length >= 3 && labels[labels.length - 1]!.length === 2 && registryLabels.has(labels[labels.length - 2]!);
  return labels.slice(underRegistry ? -3 : -2).join('.');
}

// Reserved for documentation and testing (RFC 2606, RFC 6761): no organisation owns them, so two
// addresses there (the demo's people, test accounts) say nothing about a shared employer.
const reservedDomains: ReadonlySet<string> = new Set(['example.org', 'example.com', 'example.net']);
const reservedTopLevel: ReadonlySet<string> = new Set(['example', 'test', 'invalid', 'localhost']);

/** True when the domain says nothing about an employer (a webmail provider, or shared by many). */
export function isPublicDomain(emailOrDomain: string): boolean {
  const domain = domainOf(emailOrDomain);
  if (!domain.includes('.')) return true;
  if (reservedTopLevel.has(domain.split('.').at(-1)!)) return true;
  if (publicEmailDomains.has(domain)) return true;
  const organisation = organisationDomain(domain);
  if (reservedDomains.has(organisation) || publicEmailDomains.has(organisation)) return true;
  return publicProviderNames.has(organisation.split('.')[0]!);
}

/** The organisation domain an address or domain names, or null when it is a public or shared one. */
export function institutionalDomain(emailOrDomain: string): string | null {
  return isPublicDomain(emailOrDomain) ? null : organisationDomain(emailOrDomain);
}
