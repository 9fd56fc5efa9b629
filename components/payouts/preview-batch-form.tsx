import { Field, SelectField } from '../ui/field';
import { Button } from '../ui/button';

/**
 * The first step of a batch: a plain GET form to the preview page, which only reads. Nothing is
 * created until the preview is confirmed there.
 */
export function PreviewBatchForm({ workspaceSlug, units, reference, unit = '', error }: {
  workspaceSlug: string; units: string[]; reference: string; unit?: string; error?: string;
}) {
  return (
    <form method="get" action={`/m/${workspaceSlug}/payouts/preview`} className="flex flex-col gap-3">
      <Field label="Batch name" name="name" defaultValue={reference} error={error} maxLength={100} hint="Unique in this workspace, e.g. the month it pays." />
      <SelectField label="Units" name="unit" defaultValue={unit} options={[{ value: '', label: 'All units' }, ...units.map((u) => ({ value: u, label: u }))]} />
      <Button type="submit" className="self-start">Preview batch</Button>
    </form>
  );
}
