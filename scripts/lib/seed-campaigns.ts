import type { Client } from 'pg';

/**
 * Demo data of the campaigns: the programs they pay from, this year's envelopes (the annual report's 送温暖 campaign
 * of 480,400 CNY, topped up by donations; the model-worker "three funds" of 72,700 CNY), the front-line workers'
 * registry and a few model workers. Idempotent: fixed ids derived from the names, ON CONFLICT DO NOTHING. Needs the
 * demo org units (scripts/lib/seed.ts) to exist.
 */

const PROGRAMS = [
  { code: 'winter-warmth', name: '送温暖', nameEn: 'Winter-warmth visits' },
  { code: 'model-worker-funds', name: '劳模"三金"', nameEn: 'Model-worker three funds' },
] as const;

const ENVELOPES = [
  { program: 'winter-warmth', source: 'union_funds', fen: 48_040_000 },
  { program: 'winter-warmth', source: 'donations', fen: 20_000_000 },
  { program: 'model-worker-funds', source: 'city_finance', fen: 7_270_000 },
] as const;

type FrontlineGroup = 'water' | 'heating' | 'sanitation' | 'hospitals' | 'police' | 'customs';

/** 20 front-line workers: name, group, grassroots union. */
export const DEMO_FRONTLINE: ReadonlyArray<readonly [string, FrontlineGroup, string]> = [
  ['赵自来', 'water', 'G-EAST-1'],
  ['钱水生', 'water', 'G-WEST-1'],
  ['孙泉', 'water', 'G-EAST-2'],
  ['李暖', 'heating', 'G-EAST-1'],
  ['周炉', 'heating', 'G-WEST-1'],
  ['吴热', 'heating', 'G-EAST-2'],
  ['郑扫', 'sanitation', 'G-EAST-2'],
  ['王洁', 'sanitation', 'G-EAST-2'],
  ['冯清', 'sanitation', 'G-EAST-2'],
  ['陈净', 'sanitation', 'G-WEST-1'],
  ['褚医', 'hospitals', 'G-WEST-2'],
  ['卫护', 'hospitals', 'G-WEST-2'],
  ['蒋救', 'hospitals', 'G-WEST-2'],
  ['沈安', 'police', 'G-EAST-1'],
  ['韩警', 'police', 'G-WEST-1'],
  ['杨卫', 'police', 'G-EAST-2'],
  ['朱关', 'customs', 'G-WEST-1'],
  ['秦检', 'customs', 'G-EAST-1'],
  ['尤口岸', 'customs', 'G-WEST-2'],
  ['许查', 'customs', 'G-EAST-2'],
];

/** 10 model workers: name, honour level, work status, union, year awarded. */
export const DEMO_MODEL_WORKERS: ReadonlyArray<
  readonly [string, 'national' | 'provincial' | 'city', 'working' | 'retired' | 'farmer', string, number]
> = [
  ['何全国', 'national', 'retired', 'G-EAST-1', 2005],
  ['吕劳模', 'national', 'working', 'G-WEST-1', 2015],
  ['施省级', 'provincial', 'working', 'G-EAST-2', 2012],
  ['张先进', 'provincial', 'retired', 'G-WEST-2', 2001],
  ['孔标兵', 'provincial', 'farmer', 'G-EAST-1', 2018],
  ['曹市级', 'city', 'working', 'G-EAST-1', 2020],
  ['严能手', 'city', 'working', 'G-WEST-1', 2019],
  ['华工匠', 'city', 'retired', 'G-WEST-2', 2010],
  ['金巧手', 'city', 'working', 'G-EAST-2', 2022],
  ['魏模范', 'city', 'farmer', 'G-WEST-1', 2016],
];

export async function seedCampaignData(client: Client, options: { years?: number[] } = {}): Promise<void> {
  for (const p of PROGRAMS) {
    await client.query(
      `INSERT INTO programs (code, name, name_en, subject, open_for_submission)
       VALUES ($1, $2, $3, 'person', $4) ON CONFLICT (code) DO NOTHING`,
      // The winter-warmth program runs only as campaigns; model-worker funds also take applications.
      [p.code, p.name, p.nameEn, p.code !== 'winter-warmth'],
    );
  }
  for (const year of options.years ?? [new Date().getUTCFullYear()]) {
    for (const e of ENVELOPES) {
      await client.query(
        `INSERT INTO budget_envelopes (program_id, year, funding_source, allocated_fen)
         VALUES ((SELECT id FROM programs WHERE code = $1), $2, $3, $4)
         ON CONFLICT (program_id, year, funding_source) DO NOTHING`,
        [e.program, year, e.source, e.fen],
      );
    }
  }
  for (const [name, group, unit] of DEMO_FRONTLINE) {
    await client.query(
      `INSERT INTO frontline_workers (id, name, group_code, org_unit_id)
       SELECT md5('frontline:' || $1)::uuid, $1, $2, id FROM org_units WHERE code = $3
       ON CONFLICT (id) DO NOTHING`,
      [name, group, unit],
    );
  }
  for (const [name, level, status, unit, year] of DEMO_MODEL_WORKERS) {
    await client.query(
      `INSERT INTO model_workers (id, name, honour_level, work_status, org_unit_id, awarded_year)
       SELECT md5('model-worker:' || $1)::uuid, $1, $2, $3, id, $5 FROM org_units WHERE code = $4
       ON CONFLICT (id) DO NOTHING`,
      [name, level, status, unit, year],
    );
  }
}
