'use client';

import { setPartnerCustomerEmailsAction } from '@/lib/actions/customer-emails-setting';
import { ActionForm } from '../forms/action-form';

/**
 * Settings → Partner portal: whether partners see the emails of the customers they referred whole
 * or masked. Masked is the default: a customer gave the email to the merchant, not to the partner.
 */
export function CustomerEmailsForm({ workspaceSlug, show }: { workspaceSlug: string; show: boolean }) {
  return (
    <ActionForm action={setPartnerCustomerEmailsAction.bind(null, workspaceSlug)} submitLabel="Save" pendingLabel="Saving…">
      {() => (
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="showCustomerEmails" defaultChecked={show} className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300" />
          <span>Show partners their customers&apos; email addresses</span>
        </label>
      )}
    </ActionForm>
  );
}
