'use server';

import { revalidatePath } from 'next/cache';
import { manualBindingSchema } from '../validation/bindings';
import { bindCustomerFromConsole } from '../server/rewards/manual-binding';
import { merchantAction } from './define';

/**
 * Manual attribution (SPEC §4.3): owners and admins bind a customer to one partner in a program, or
 * change its binding there, with a reason that later rewards repeat. The customer arrives bound.
 */
export const bindCustomerAction = merchantAction({
  roles: 'manage',
  input: manualBindingSchema,
  bound: ['customerId'],
  run: async ({ scope, input, db }) => {
    await bindCustomerFromConsole(db, scope, input, new Date());
    revalidatePath(`/m/${scope.workspaceSlug}/customers/${input.customerId}`);
    return { ok: true, message: 'Customer bound by hand. Later rewards of this customer in the program go to this partner and repeat your reason.' };
  },
});
