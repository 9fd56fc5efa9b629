import type { Backend, Command, Outcome, TransactionResult } from './backend';
import { EXECABORT, refusedCommandError } from './backend';
import { resolveCommand, runCommand } from './memory-commands';
import { RedisError } from './memory-errors';
import { Keyspace } from './memory-keyspace';

/**
 * Back-end over the in-memory keyspace. Everything runs synchronously inside one request
 * handler, so a pipeline or transaction can never interleave with another request: atomicity
 * comes for free from the single-threaded event loop.
 */
export function createMemoryBackend(options: { now?: () => number } = {}): Backend {
  const keyspace = new Keyspace(options.now);

  function run(cmd: Command): Outcome {
    const refused = refusedCommandError(cmd);
    if (refused) return { ok: false, error: refused };
    try {
      return { ok: true, value: runCommand(keyspace, cmd) };
    } catch (error) {
      // Anything that is not a Redis error reply is a bug in the store: let it surface as a 500.
      if (error instanceof RedisError) return { ok: false, error: error.message };
      throw error;
    }
  }

  function transaction(cmds: readonly Command[]): TransactionResult {
    // Like Redis, unknown commands and wrong arity abort the whole transaction before it runs;
    // errors raised while running (WRONGTYPE, not an integer...) only fail their own slot.
    for (const cmd of cmds) {
      if (refusedCommandError(cmd)) return { aborted: true, error: EXECABORT };
      try {
        resolveCommand(cmd);
      } catch (error) {
        if (error instanceof RedisError) return { aborted: true, error: EXECABORT };
        throw error;
      }
    }
    return { aborted: false, outcomes: cmds.map(run) };
  }

  return {
    command: async (cmd) => run(cmd),
    pipeline: async (cmds) => cmds.map(run),
    transaction: async (cmds) => transaction(cmds),
    close: async () => keyspace.clear(),
  };
}
