import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countWords, extractPages } from './extract-text.ts';
import {
  type AuthorIdentity,
  type Finding,
  organisationDomain,
  scanForLeaks,
  validOrcidChecksum,
} from './leak-scan.ts';
import { fixturePdf } from './testing/corpus.ts';
import { makeLigaturePdf, makeTextPdf } from './testing/make-pdf.ts';

const nobody: AuthorIdentity = { names: [], emails: [], affiliations: [], orcids: [] };
const identity = (partial: Partial<AuthorIdentity>): AuthorIdentity => ({ ...nobody, ...partial });
const texts = (findings: Finding[], kind?: Finding['kind']) =>
  findings.filter((finding) => !kind || finding.kind === kind).map((finding) => finding.text);
const scanText = (text: string, who: Partial<AuthorIdentity>) => scanForLeaks([text], identity(who));

describe('scanForLeaks: names', () => {
  const jane = { names: ['Jane Winterbottom'] };

  it('finds full names in either order, across line breaks and extra whitespace', () => {
    const findings = scanText(
      'By Jane Winterbottom. Later: Winterbottom, Jane. In a list: Jane\nWinterbottom and JANE   WINTERBOTTOM.',
      jane,
    );
    expect(texts(findings, 'name')).toEqual([
      'Jane Winterbottom',
      'Winterbottom, Jane',
      'Jane Winterbottom',
      'JANE WINTERBOTTOM',
    ]);
  });

  it('finds initials with the surname: "J. Winterbottom", "Winterbottom, J.", "J Winterbottom", "J.R. Winterbottom"', () => {
    const findings = scanText(
      'see J. Winterbottom; also Winterbottom, J. (ed.); J Winterbottom wrote; J.R. Winterbottom and Winterbottom JR agree.',
      jane,
    );
    expect(texts(findings, 'name')).toEqual([
      'J. Winterbottom',
      'Winterbottom, J.',
      'J Winterbottom',
      'J.R. Winterbottom',
      'Winterbottom JR',
    ]);
  });

  it('ignores accents and diacritics in either direction, and umlauts written as ae/oe/ue', () => {
    expect(texts(scanText('Thanks to Jose Mueller and to JOSÉ MÜLLER.', { names: ['José Müller'] }), 'name')).toEqual([
      'Jose Mueller',
      'JOSÉ MÜLLER',
    ]);
    expect(
      texts(scanText('Written by Zoë Lefèvre, edited by Zoe Lefevre.', { names: ['Zoe Lefevre'] }), 'name'),
    ).toEqual(['Zoë Lefèvre', 'Zoe Lefevre']);
  });

  it('handles hyphenated names, hyphenation at a line end and particles', () => {
    expect(
      texts(scanText('Anna Smith-\nJones and Anna Smith Jones.', { names: ['Anna Smith-Jones'] }), 'name'),
    ).toEqual(['Anna Smith- Jones', 'Anna Smith Jones']);
    expect(texts(scanText('Mohammad R. Haghi-\nghat wrote it.', { names: ['Mohammad Haghighat'] }), 'name')).toEqual([
      'Mohammad R. Haghi- ghat',
    ]);
    expect(
      texts(scanText('as Ludwig van Beethoven said; L. van Beethoven', { names: ['Ludwig van Beethoven'] }), 'name'),
    ).toEqual(['Ludwig van Beethoven', 'L. van Beethoven']);
  });

  it('reports a rare surname on its own, but not a common one, a lower-case word or a given name', () => {
    const rare = scanText('As Winterbottom noted, winterbottom is also a word. Jane said so.', jane);
    expect(texts(rare, 'name')).toEqual(['Winterbottom']);
    expect(scanText('As Smith noted, Jane agreed; the smith worked.', { names: ['Jane Smith'] })).toEqual([]);
    expect(scanText('The shaver was new; Mike came.', { names: ['Mike Shaver'] })).toEqual([]);
    expect(texts(scanText('Shaver (2004) argued', { names: ['Mike Shaver'] }))).toEqual(['Shaver (2004)']);
  });

  it('treats a two-word name as possibly family-name first', () => {
    expect(texts(scanText('Zhang Wei and W. Zhang and Zhang, W.', { names: ['Wei Zhang'] }), 'name')).toEqual([
      'Zhang Wei',
      'W. Zhang',
      'Zhang, W.',
    ]);
  });

  it('finds a name that is only letter-spaced on its page', () => {
    expect(texts(scanText('J A N E  W I N T E R B O T T O M', jane), 'name')).toEqual([
      'J A N E W I N T E R B O T T O M',
    ]);
  });

  it('finds names run together in handles and URLs, and letter-spaced in headings', () => {
    const findings = scanText('Follow github.com/janewinterbottom or J A N E  W I N T E R B O T T O M', jane);
    expect(texts(findings, 'name')).toEqual(['janewinterbottom', 'J A N E W I N T E R B O T T O M']);
  });
});

describe('scanForLeaks: self-references and citations', () => {
  it('flags "(Smith, 2019)" when Smith is an author, and self-revealing phrases', () => {
    const findings = scanText(
      'In my previous work (Smith, 2019) I showed this. As I have argued elsewhere, and as Smith (2021) and ' +
        'Smith et al. (2020) found, see also (Jones and Smith 2018; Brown, 2017). In our earlier study we agreed, ' +
        'as in my previous work assessing risk.',
      { names: ['Jane Smith'] },
    );
    expect(texts(findings, 'self_reference')).toEqual([
      'my previous work',
      '(Smith, 2019)',
      'I have argued elsewhere',
      'Smith (2021)',
      'Smith et al. (2020)',
      '(Jones and Smith 2018; Brown, 2017)',
      'our earlier study',
      'my previous work',
    ]);
  });

  it('does not flag practice experience or other people’s citations', () => {
    const findings = scanText(
      'In my previous work with families I saw this; my previous work as a social worker taught me more. ' +
        'Winnicott (1965) and (Bowlby, 1969) matter.',
      { names: ['Jane Smith'] },
    );
    expect(findings).toEqual([]);
  });
});

describe('scanForLeaks: e-mail addresses, domains, ORCID iDs', () => {
  it('finds addresses written plainly, broken over a line, grouped or obfuscated', () => {
    const findings = scanText(
      'Contact jane.smith@kent.ac.uk or jane.smith@kent.\nac.uk; {gal,jane.smith}@kent.ac.uk; jane.smith [at] kent.ac.uk',
      { emails: ['Jane.Smith@kent.ac.uk'] },
    );
    expect(texts(findings, 'email')).toEqual([
      'jane.smith@kent.ac.uk',
      'jane.smith@kent. ac.uk',
      '{gal,jane.smith}@kent.ac.uk',
      'jane.smith [at] kent.ac.uk',
    ]);
  });

  it('flags a non-public domain elsewhere, but never gmail and friends', () => {
    const findings = scanText('Data at www.kent.ac.uk/research and https://gmail.com; write to a.b@gmail.com', {
      emails: ['jane@cs.kent.ac.uk', 'jane.private@gmail.com'],
    });
    expect(findings.map((finding) => [finding.kind, finding.text])).toEqual([
      ['email_domain', 'www.kent.ac.uk'],
      ['email', 'a.b@gmail.com'],
    ]);
    expect(organisationDomain('mail.sussex.ac.uk')).toBe('sussex.ac.uk');
    expect(organisationDomain('cs.uci.edu')).toBe('uci.edu');
  });

  it('finds ORCID iDs with or without the https://orcid.org/ prefix, and any valid iD', () => {
    const findings = scanText(
      'ORCID: https://orcid.org/0000-0002-1825-0097, plain 0000 0002 1825 0097, other 0000-0001-5109-3700, ' +
        'not 1234-5678-9012-3456.',
      { orcids: ['https://orcid.org/0000-0002-1825-0097'] },
    );
    expect(texts(findings, 'orcid')).toEqual([
      'https://orcid.org/0000-0002-1825-0097',
      '0000 0002 1825 0097',
      '0000-0001-5109-3700',
    ]);
    expect(validOrcidChecksum('000000021825009X')).toBe(false);
    expect(validOrcidChecksum('0000000218250097')).toBe(true);
  });
});

describe('scanForLeaks: affiliations and acknowledgements', () => {
  it('normalises case, punctuation, "Univ." and "&", ligatures and word order', () => {
    const findings = scanText(
      'At the UNIV. OF KENT, at Kent University and at the University of Kent. The Tavistock & Portman NHS ' +
        'Foundation Trust. The University of Sheﬃeld (ﬁeld work).',
      {
        affiliations: [
          'School of Social Work, University of Kent',
          'Tavistock and Portman NHS Foundation Trust',
          'Univ. of Sheffield',
        ],
      },
    );
    expect(texts(findings, 'affiliation')).toEqual([
      'UNIV. OF KENT',
      'Kent University',
      'University of Kent',
      'Tavistock & Portman NHS Foundation Trust',
      'University of Sheﬃeld',
    ]);
  });

  it('does not search for affiliations made only of generic words', () => {
    expect(scanText('The School of Social Work ran it.', { affiliations: ['School of Social Work'] })).toEqual([]);
  });

  it('flags institutions, places and grant numbers named in acknowledgements, funding and ethics statements', () => {
    const findings = scanText(
      'Acknowledgements\nI thank my colleagues at Canterbury Christ Church University and the team in Maidstone.\n' +
        'Funding: This work was supported by Kent County Council (grant ES/T001234/1).\n' +
        'Ethical approval was granted by the Research Ethics Committee of the University of Kent.',
      nobody,
    );
    expect(texts(findings, 'acknowledgement')).toEqual([
      'Canterbury Christ Church University',
      'Maidstone',
      'Kent County Council',
      'grant ES/T001234/1',
      'Research Ethics Committee of the University of Kent',
    ]);
  });
});

describe('scanForLeaks: reports', () => {
  it('gives the page (1-based) and about 60 characters of context either side', () => {
    const filler = 'word '.repeat(40);
    const [finding] = scanForLeaks(
      ['nothing here', `${filler}Jane Winterbottom${filler}`],
      identity({ names: ['Jane Winterbottom'] }),
    );
    expect(finding).toMatchObject({ kind: 'name', page: 2, text: 'Jane Winterbottom' });
    expect(finding!.context).toContain('Jane Winterbottom');
    expect(finding!.context.length).toBeGreaterThan(100);
    expect(finding!.context.length).toBeLessThanOrEqual(60 + 'Jane Winterbottom'.length + 60);
  });

  it('does not flag a clean manuscript', async () => {
    const essay = [
      [
        'Holding the frame: reflective supervision in child protection',
        'Abstract',
        'This essay considers how supervision helps a newly qualified social worker hold anxiety while',
        'working with families where children are at risk. Drawing on Winnicott (1965) and on Bowlby',
        '(1969), it argues that a holding environment is needed for practitioners as much as for children.',
        'A smith, a baker and a jones-ing teenager: the case studies below are composites (Ferguson, 2011).',
        'In my practice I learned to wait. In my previous work with families I saw how quickly trust breaks.',
      ],
      [
        'The local authority and the Trust both appear in the literature (Munro, 2011; Ruch et al., 2010).',
        'Supervision took place fortnightly. I would like to thank the service users who taught me patience.',
        'The keywords are: supervision, containment, anxiety, child protection, reflective practice.',
        'References',
        'Bowlby, J. (1969) Attachment and Loss. London: Hogarth Press.',
        'Ferguson, H. (2011) Child Protection Practice. Basingstoke: Palgrave Macmillan.',
        'Munro, E. (2011) The Munro Review of Child Protection. London: Department for Education.',
        'Winnicott, D. W. (1965) The Maturational Processes and the Facilitating Environment. London: Hogarth.',
      ],
    ];
    const { pages } = await extractPages(await makeTextPdf(essay));
    const findings = scanForLeaks(pages, {
      names: ['Priya Ramanathan', 'Tomasz Kowalczyk-Nowak'],
      emails: ['p.ramanathan@kent.ac.uk', 'tomasz.kn@gmail.com'],
      affiliations: ['School of Social Work, University of Kent', 'Medway Council Children’s Services'],
      orcids: ['0000-0002-1825-0097'],
    });
    expect(findings).toEqual([]);
  });
});

describe('scanForLeaks on text extracted from PDFs', () => {
  it('finds the authors, addresses and affiliations on page 1 of the tracemonkey paper', async () => {
    const { pages } = await extractPages(
      new Uint8Array(readFileSync(fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf'))),
    );
    expect(pages).toHaveLength(14);
    const findings = scanForLeaks(pages, {
      names: ['Andreas Gal', 'Brendan Eich', 'Mike Shaver', 'Mohammad R. Haghighat', 'Edwin Smith', 'Michael Franz'],
      emails: [
        'gal@mozilla.com',
        'brendan@mozilla.com',
        'edwsmith@adobe.com',
        'mohammad.r.haghighat@intel.com',
        'franz@uci.edu',
      ],
      affiliations: [
        'Mozilla Corporation',
        'University of California, Irvine',
        'Adobe Corporation',
        'Intel Corporation',
      ],
      orcids: [],
    });
    const page1 = findings.filter((finding) => finding.page === 1);
    expect(texts(page1, 'name')).toEqual(
      expect.arrayContaining([
        'Andreas Gal',
        'Brendan Eich',
        'Mike Shaver',
        'Mohammad R. Haghighat',
        'Edwin Smith',
        'Michael Franz',
      ]),
    );
    expect(texts(page1, 'email')).toEqual([
      '{gal,brendan,shaver,danderson,dmandelin,mrbkap,graydon,bz,jorendorff,jruderman}@mozilla.com',
      '{edwsmith,rreitmai}@adobe.com',
      '{mohammad.r.haghighat}@intel.com',
      '{mbebenit,changm,franz}@uci.edu',
    ]);
    expect(texts(page1, 'affiliation')).toEqual([
      'Mozilla Corporation',
      'Adobe Corporation',
      'Intel Corporation',
      'University of California, Irvine',
    ]);
    // The bibliography cites the authors' own work.
    expect(
      texts(
        findings.filter((finding) => finding.page === 14),
        'name',
      ),
    ).toEqual(expect.arrayContaining(['A. Gal', 'M. Franz']));
    expect(countWords(pages.join('\n'))).toBeGreaterThan(10_000);
  });

  it('finds planted variants in generated PDFs: accents, initials, line breaks, hyphenation, ligatures, ORCID, self-citation', async () => {
    const { pages } = await extractPages(
      await makeTextPdf([
        ['Jose Müller and Zoë Lefèvre', 'Lefevre, Z. (2020) Reflective practice.'],
        ['This essay was written by Andreas', 'Gal and colleagues; see Haghi-', 'ghat for details.'],
        ['https://orcid.org/0000-0002-1825-0097', 'In my previous work (Lefevre, 2019) I argued this.'],
        ['Acknowledgements', 'I am grateful to colleagues at the University of Kent for their support.'],
      ]),
    );
    const ligatures = await extractPages(await makeLigaturePdf(['Department of Scientiﬁc Computing, Oﬃce ﬂoor 2']));
    const who: AuthorIdentity = {
      names: ['José Mueller', 'Zoe Lefevre', 'Andreas Gal', 'Mohammad Haghighat'],
      emails: [],
      affiliations: ['Department of Scientific Computing', 'University of Kent'],
      orcids: ['0000-0002-1825-0097'],
    };
    const findings = scanForLeaks([...pages, ...ligatures.pages], who);
    const seen = findings.map((finding) => `${finding.page}:${finding.kind}:${finding.text}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        '1:name:Jose Müller',
        '1:name:Zoë Lefèvre',
        '1:name:Lefevre, Z.',
        '2:name:Andreas Gal',
        '3:orcid:https://orcid.org/0000-0002-1825-0097',
        '3:self_reference:my previous work',
        '3:self_reference:(Lefevre, 2019)',
        '4:affiliation:University of Kent',
      ]),
    );
    expect(seen.some((entry) => /^2:name:Haghi-?\s?ghat$/.test(entry))).toBe(true);
    // pdf.js may hand the ligature over as "ﬁ" or already as "fi"; either way it is found.
    expect(seen.some((entry) => /^5:affiliation:Department of Scienti(ﬁ|fi)c Computing$/.test(entry))).toBe(true);
  });
});

describe('countWords', () => {
  it('counts words, joins line-end hyphenation and counts CJK characters one each', () => {
    expect(countWords('The quick brown fox — jumps over 2 lazy dogs.')).toBe(9);
    expect(countWords('an al-\nternative approach')).toBe(3);
    expect(countWords('社会工作 is social work')).toBe(7);
    expect(countWords('  \n ')).toBe(0);
  });
});
