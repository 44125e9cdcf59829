/** Typical mistakes in `secret.types`; the self-check proves each one fails a case. */
import { fieldErrors } from '../../engine/api/field-errors.ts';
import type { SecretTypesPart } from '../../engine/api/validation/secret-types.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'secret.types',
  mutants: [
    {
      name: 'tls-key-optional',
      mistake: 'only checks tls.crt for a kubernetes.io/tls Secret: tls.key is not required',
      make: (ref): SecretTypesPart => ({ ...ref, validate: (s) => ref.validate(s).filter((e) => e.field !== 'data[tls.key]') }),
    },
    {
      name: 'echoes-values',
      mistake: 'reports a malformed docker config with its content as the bad value, leaking the credentials into errors and logs',
      make: (ref): SecretTypesPart => ({
        ...ref,
        validate: (s) =>
          ref.validate(s).map((e) => {
            const key = /^data\[(.*)\]$/.exec(e.field)?.[1];
            const value = key !== undefined ? s.data[key] : undefined;
            return e.type === 'FieldValueInvalid' && value ? fieldErrors.invalid(e.field, new TextDecoder().decode(value), e.detail ?? '') : e;
          }),
      }),
    },
    {
      name: 'type-mutable',
      mistake: 'allows an update to change the type of a Secret',
      make: (ref): SecretTypesPart => ({ ...ref, validateUpdate: () => [] }),
    },
    {
      name: 'cap-per-value',
      mistake: 'applies the 1 MiB cap to each value instead of to the total of all values',
      make: (ref): SecretTypesPart => ({
        ...ref,
        validate: (s) => {
          const perValue = Object.values(s.data).some((v) => v.length > 1024 * 1024);
          const errs = ref.validate(s).filter((e) => e.type !== 'FieldValueTooLong');
          return perValue ? [fieldErrors.tooLong('data', '', 1024 * 1024), ...errs] : errs;
        },
      }),
    },
    {
      name: 'ssh-key-presence-only',
      mistake: 'accepts an ssh-auth Secret whose ssh-privatekey is present but empty',
      make: (ref): SecretTypesPart => ({
        ...ref,
        validate: (s) => ref.validate(s).filter((e) => !(e.field === 'data[ssh-privatekey]' && Object.prototype.hasOwnProperty.call(s.data, 'ssh-privatekey'))),
      }),
    },
  ],
});
