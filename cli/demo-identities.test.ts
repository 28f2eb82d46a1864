import { describe, expect, it } from 'vitest';
import { validateEmail, validateNik, validateNpwp, validatePhone } from '../domain/validation';
import { Rng, banjarmasinAddress, companyEmail, companyIdentity, mobilePhone, nik, npwp, officePhone, personEmail, personName } from './demo-identities';

describe('seeded random source', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    const c = new Rng('y');
    const sa = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('stays inside the requested bounds and covers them', () => {
    const r = new Rng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
      const f = r.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('demo identities pass the app validators', () => {
  const rng = new Rng('identities');

  it('NIKs are valid, mostly from Kota Banjarmasin (6371), with the sex encoded in the day', () => {
    let banjarmasin = 0;
    for (let i = 0; i < 2000; i++) {
      const sex = i % 2 === 0 ? 'L' : 'P';
      const n = nik(rng, sex, rng.int(1960, 2004));
      const r = validateNik(n);
      expect(r.ok, n).toBe(true);
      if (r.ok) {
        expect(r.value.sex).toBe(sex);
        expect(r.warnings).toEqual([]);
        if (r.value.regencyCode === '6371') banjarmasin++;
      }
    }
    expect(banjarmasin / 2000).toBeGreaterThan(0.7);
  });

  it('NPWPs are 15 or 16 digits, unique, and company numbers pass the check digit', () => {
    const taken = new Set<string>();
    const lengths = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const form = (['CV', 'PT', 'UD', 'Perorangan'] as const)[i % 4]!;
      const owner = nik(rng, 'L', 1980);
      const v = npwp(rng, form, owner, taken);
      const r = validateNpwp(v);
      expect(r.ok, v).toBe(true);
      if (!r.ok) continue;
      lengths.add(v.length);
      if (r.value.basis !== 'nik16') {
        expect(r.warnings.map((w) => w.code), v).not.toContain('npwp_check_digit');
        if (form === 'CV' || form === 'PT') expect(r.value.taxpayerType).toBe('badan');
      }
    }
    expect(taken.size).toBe(3000);
    expect([...lengths].sort()).toEqual([15, 16]);
  });

  it('phones, e-mails and addresses are what the contract accepts', () => {
    for (let i = 0; i < 500; i++) {
      const m = validatePhone(mobilePhone(rng));
      expect(m.ok && m.value.kind).toBe('mobile');
      const o = validatePhone(officePhone(rng));
      expect(o.ok && o.value.areaCode).toBe('0511');
      const name = personName(rng, 'P', { hajiChance: 0.5 });
      expect(validateEmail(personEmail(rng, name)).ok).toBe(true);
      const company = companyIdentity(rng, new Set());
      expect(validateEmail(companyEmail(rng, company.name)).ok, company.name).toBe(true);
      expect(banjarmasinAddress(rng)).toMatch(/^Jl\. .+ No\. \d+, RT \d{3}, Kel\. .+, Kec\. Banjarmasin (Tengah|Utara|Selatan|Timur|Barat), Kota Banjarmasin$/);
    }
  });

  it('company names are unique and carry their legal form', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const c = companyIdentity(rng, taken);
      if (c.legalForm === 'CV' || c.legalForm === 'PT' || c.legalForm === 'UD' || c.legalForm === 'Koperasi' || c.legalForm === 'Firma') {
        expect(c.name.startsWith(c.legalForm)).toBe(true);
      }
    }
    expect(taken.size).toBe(20_000);
  });
});
