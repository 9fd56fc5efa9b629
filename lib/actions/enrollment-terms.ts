'use server';

import { revalidatePath } from 'next/cache';
import { setEnrollmentTerms } from '../server/enrollment-terms';
import { enrollmentTermsFormSchema } from '../validation/program';
import { merchantAction } from './define';

/** A partner's special terms in one program, or back to the program's rules (owners and admins). */
export const setEnrollmentTermsAction = merchantAction({
  roles: 'manage',
  input: enrollmentTermsFormSchema,
  run: async ({ scope, input: { enrollmentId, rules }, db }) => {
    const { partnerName, programName } = await setEnrollmentTerms(db, scope, enrollmentId, rules);
    revalidatePath(`/m/${scope.workspaceSlug}/partners`, 'layout');
    return {
      ok: true,
      message: rules
        ? `Special terms saved: ${partnerName} is paid by ${rules.length} rule${rules.length === 1 ? '' : 's'} of its own in ${programName} from now on.`
        : `${partnerName} follows the rules of ${programName} from now on.`,
    };
  },
});
