// Outside WhatsApp's 24-hour window only approved templates reach the customer: pick one of the business
// account's templates (its status and category shown), fill its parameters and send it.
import { Button, Flex, Input, Select, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { TemplateChoice, TemplateOption, TemplatesData } from '../lib/templates-data.ts';

export interface TemplatePickerProps {
  load: () => Promise<TemplatesData>;
  /** true when Leadwire sent it; the caller shows failures */
  onSend: (choice: TemplateChoice) => Promise<boolean>;
}

const keyOf = (t: Pick<TemplateOption, 'name' | 'language'>) => `${t.name}|${t.language}`;

export function TemplatePicker({ load, onSend }: TemplatePickerProps) {
  const [templates, setTemplates] = useState<TemplateOption[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const template = templates?.find((t) => keyOf(t) === selected);
  const fields =
    template === undefined
      ? []
      : [
          ...template.headerParameters.map((p) => ({ id: `header:${p}`, label: `Header {{${p}}}` })),
          ...template.bodyParameters.map((p) => ({ id: `body:${p}`, label: `{{${p}}}` })),
        ];
  const complete = template?.sendable === true && fields.every((f) => (values[f.id] ?? '').trim() !== '');

  if (templates === undefined)
    return (
      <Flex direction="column" gap="xs">
        {loadError === undefined ? null : <Text testId="templates-error">{loadError}</Text>}
        <Button
          disabled={busy}
          onClick={() => {
            setBusy(true);
            load()
              .then((data) => {
                setTemplates(data.templates);
                setLoadError(undefined);
              })
              .catch((error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)))
              .finally(() => setBusy(false));
          }}
          testId="templates-load"
        >
          {busy ? 'Loading templates…' : 'Send a template'}
        </Button>
      </Flex>
    );

  return (
    <Flex direction="column" gap="xs" testId="template-picker">
      <Select
        label="Template"
        name="template"
        value={selected}
        options={templates.map((t) => ({
          value: keyOf(t),
          label: `${t.name} (${t.language}) · ${t.category} · ${t.status}`,
        }))}
        onChange={(value) => {
          setSelected(String(value));
          setValues({});
        }}
        testId="template-select"
      />
      {template === undefined ? null : (
        <Text testId="template-preview">
          {[template.header, template.body, template.footer].filter(Boolean).join('\n')}
        </Text>
      )}
      {template !== undefined && !template.sendable ? (
        <Text testId="template-not-sendable">
          {`This template is ${template.status}${template.rejectedReason ? ` (${template.rejectedReason})` : ''}: only approved templates can be sent.`}
        </Text>
      ) : null}
      {fields.map((f) => (
        <Input
          key={f.id}
          label={f.label}
          name={f.id}
          value={values[f.id] ?? ''}
          onChange={(value) => setValues({ ...values, [f.id]: value })}
          testId={`template-param-${f.id}`}
        />
      ))}
      <Button
        variant="primary"
        disabled={!complete || busy}
        onClick={() => {
          if (template === undefined) return;
          const pick = (prefix: string, names: string[]) =>
            names.map((p) => (values[`${prefix}:${p}`] ?? '').trim());
          setBusy(true);
          void onSend({
            name: template.name,
            language: template.language,
            ...(template.headerParameters.length === 0
              ? {}
              : { header: pick('header', template.headerParameters) }),
            ...(template.bodyParameters.length === 0 ? {} : { body: pick('body', template.bodyParameters) }),
          })
            .then((sent) => {
              if (sent) setValues({});
            })
            .finally(() => setBusy(false));
        }}
        testId="template-send"
      >
        {busy ? 'Sending…' : 'Send template'}
      </Button>
    </Flex>
  );
}
