import { parseFacts } from './facts';
import type { FactField } from './program-policy';

const fields: FactField[] = [
  { name: 'householdSize', kind: 'int', required: true, min: 1, max: 30, description: 'People in the household' },
  { name: 'annualIncome', kind: 'money', required: true, min: 0, description: 'Annual income' },
  { name: 'accidentCosts', kind: 'money', required: false, default: 0, min: 0, description: 'Accident costs' },
  { name: 'monthlyIncome', kind: 'money', required: false, min: 0, description: 'Monthly income' },
  { name: 'eventDate', kind: 'date', required: false, description: 'Date of the event' },
  { name: 'schoolType', kind: 'enum', values: ['regular', 'directed'], required: false, description: 'School' },
  { name: 'migrantWorker', kind: 'bool', required: false, default: false, description: 'Migrant worker' },
  { name: 'note', kind: 'text', required: false, description: 'Note' },
];

describe('parseFacts', () => {
  it('turns CNY into fen, fills defaults and leaves optional facts without one absent', () => {
    const { facts, errors } = parseFacts(fields, {
      householdSize: 3,
      annualIncome: 24000.5,
      eventDate: '2026-05-01',
      note: '  visited  ',
    });
    expect(errors).toEqual([]);
    expect(facts).toEqual({
      householdSize: 3,
      annualIncomeFen: 2_400_050,
      accidentCostsFen: 0,
      eventDate: '2026-05-01',
      migrantWorker: false,
      note: 'visited',
    });
    expect('monthlyIncomeFen' in facts).toBe(false);
  });

  it('names every wrong field: missing, unknown, out of range, wrong kind', () => {
    const { errors } = parseFacts(fields, {
      householdSize: 0,
      annualIncome: 1.234,
      eventDate: '01/05/2026',
      schoolType: 'military',
      migrantWorker: 'yes',
      colour: 'red',
    });
    expect(errors).toEqual([
      'facts.colour is not a fact of this program (expected: householdSize, annualIncome, accidentCosts, monthlyIncome, eventDate, schoolType, migrantWorker, note)',
      'facts.householdSize must be between 1 and 30',
      'facts.annualIncome must have at most 2 decimal places (CNY)',
      'facts.eventDate must be a date YYYY-MM-DD',
      'facts.schoolType must be one of regular, directed',
      'facts.migrantWorker must be true or false',
    ]);
    expect(parseFacts(fields, {}).errors).toEqual([
      'facts.householdSize is required (People in the household)',
      'facts.annualIncome is required (Annual income)',
    ]);
    expect(parseFacts(fields, [1, 2]).errors).toEqual(['facts must be an object of the program’s facts']);
  });
});
