import { AppError } from '../errors';

// The services name a wrong field the way the console's forms do (`destinationUrl`, `programId`);
// the REST API names every field in snake_case (`destination_url`, `program_id`). Rather than teach
// each service a second vocabulary, the API runs a service call through this and renames the
// fields of the AppError it throws, so an integrator's `error.field` is a key of the body it sent.

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Runs a service call; an AppError it throws comes out with its field names in snake_case (or renamed by `names`). */
export async function withApiFieldNames<T>(work: () => Promise<T>, names: Record<string, string> = {}): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    const fields = Object.fromEntries(Object.entries(err.fields).map(([name, reason]) => [names[name] ?? snakeCase(name), reason]));
    throw new AppError(err.code, err.message, fields);
  }
}
