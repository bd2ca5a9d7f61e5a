import type { Language } from '@vssid/domain/i18n';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';

/**
 * A problem about one field, its message in the caller's language (the problem's title and the
 * field's message are the same catalog text `key`).
 */
export function fieldProblem(
  translator: Translator,
  language: Language,
  problem: { status: number; code: string; key: string; field: string; fieldCode: string; in?: string },
): AppError {
  return new AppError(problem.status, problem.code, problem.key, {}, [
    {
      in: problem.in ?? 'body',
      field: problem.field,
      code: problem.fieldCode,
      message: translator.t(language, problem.key),
    },
  ]);
}

/**
 * The one answer for a BHXH code that does not exist and for a name that is not the code's
 * (issue #22 item 1): 422 `data_mismatch` on both fields, so that nobody learns which codes exist.
 */
export function dataMismatch(translator: Translator, language: Language): AppError {
  const message = translator.t(language, 'registration.dataMismatch');
  return new AppError(
    422,
    'data_mismatch',
    'registration.dataMismatch',
    {},
    ['bhxhCode', 'fullName'].map((field) => ({ in: 'body', field, code: 'data_mismatch', message })),
  );
}
