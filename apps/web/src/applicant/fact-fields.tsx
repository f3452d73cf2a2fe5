/** The form controls of a program's facts, shared by the application form and the resubmission of a returned case. */
import { Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useT } from '../i18n';
import type { FactField, Program } from './programs';

/** The facts as the API takes them: empty optional fields left out (the program's defaults apply). */
export function factsToSend(program: Program, facts: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of program.facts) {
    const value = facts?.[field.name];
    if (value !== undefined && value !== null && value !== '') out[field.name] = value;
  }
  return out;
}

/** The control of one fact; Form.Item passes it id, value and onChange (kept on `rest`). */
export function FactInput({ field, ...rest }: { field: FactField } & Record<string, unknown>) {
  const { t, tr } = useT();
  switch (field.kind) {
    case 'money':
      return (
        <InputNumber
          {...rest}
          min={field.min ?? 0}
          max={field.max}
          precision={2}
          style={{ width: '100%' }}
          suffix={t('common.yuan')}
          inputMode="decimal"
        />
      );
    case 'int':
      return (
        <InputNumber
          {...rest}
          min={field.min ?? 0}
          max={field.max}
          precision={0}
          style={{ width: '100%' }}
          inputMode="numeric"
        />
      );
    case 'bool':
      return (
        <Radio.Group
          {...rest}
          optionType="button"
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
        />
      );
    case 'date':
      return <Input {...rest} type="date" />;
    case 'enum':
      return (
        <Select
          {...rest}
          options={(field.values ?? []).map((v) => ({ value: v, label: tr('enumValue', v) }))}
          allowClear={!field.required}
        />
      );
    case 'text':
      return <Input.TextArea {...rest} maxLength={500} autoSize={{ minRows: 2 }} />;
  }
}

/** The client's copy of the API's rules for one fact (workflows/policy/facts.ts): the same limits, in words. */
export function factRules(field: FactField, label: string, t: ReturnType<typeof useT>['t']): Rule[] {
  const rules: Rule[] = [];
  if (field.required) rules.push({ required: true, message: t('apply.required', { field: label }) });
  if (field.kind === 'money' || field.kind === 'int') {
    const min = field.min ?? 0;
    const max = field.max ?? (field.kind === 'money' ? 100_000_000 : 1_000_000);
    rules.push({ type: 'number', min, max, message: t('apply.range', { field: label, min, max }) });
  }
  if (field.kind === 'text') rules.push({ whitespace: true, max: 500, message: t('apply.required', { field: label }) });
  return rules;
}
