import type { Dispatch, SetStateAction } from 'react';
import type { FormValues, SchemaField } from './schema-form';
import { Field } from './ui';

const OPTION_LABELS: Record<string, string> = { '\t': 'tab', ',': ', (comma)', ';': '; (semicolon)', '|': '| (pipe)' };

/** The inputs of fields made from a connector's settings schema (see schema-form.ts). */
export function SchemaFormFields({
  fields,
  values,
  setValues,
  errors,
  legend,
  secret = false,
  onEdit,
}: {
  onEdit?: (name: string) => void;
  fields: readonly SchemaField[];
  values: FormValues;
  setValues: Dispatch<SetStateAction<FormValues>>;
  errors: Record<string, string>;
  legend: string;
  secret?: boolean;
}) {
  if (fields.length === 0) return <p className="hint">This connector has no {legend.toLowerCase()}.</p>;
  const set = (name: string, value: string | boolean) => {
    setValues((current) => ({ ...current, [name]: value }));
    onEdit?.(name);
  };
  return (
    <fieldset className="schema-form">
      <legend>{legend}</legend>
      {fields.map((field) => {
        const label = `${field.label}${field.required ? '' : ' (optional)'}`;
        if (field.kind === 'checkbox') {
          return (
            <div className="field field-checkbox" key={field.name}>
              <input
                id={`${legend}-${field.name}`.replace(/\W+/g, '-')}
                name={field.name}
                type="checkbox"
                checked={values[field.name] === true}
                onChange={(event) => set(field.name, event.target.checked)}
              />
              <label htmlFor={`${legend}-${field.name}`.replace(/\W+/g, '-')}>{label}</label>
              {field.description ? <p className="hint">{field.description}</p> : null}
            </div>
          );
        }
        return (
          <Field key={field.name} label={label} hint={field.description} error={errors[field.name]}>
            {(props) =>
              field.kind === 'select' ? (
                <select
                  {...props}
                  name={field.name}
                  value={String(values[field.name] ?? '')}
                  onChange={(event) => set(field.name, event.target.value)}
                  required={field.required}
                >
                  {field.required && !field.defaultValue ? <option value="">Choose…</option> : null}
                  {!field.required && !field.defaultValue ? <option value="">Not set</option> : null}
                  {field.options.map((option) => (
                    <option key={option} value={option}>
                      {OPTION_LABELS[option] ?? option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...props}
                  name={field.name}
                  type={secret ? 'password' : field.kind === 'number' || field.kind === 'integer' ? 'number' : 'text'}
                  inputMode={field.kind === 'integer' ? 'numeric' : undefined}
                  value={String(values[field.name] ?? '')}
                  onChange={(event) => set(field.name, event.target.value)}
                  required={field.required}
                  autoComplete="off"
                />
              )
            }
          </Field>
        );
      })}
    </fieldset>
  );
}
