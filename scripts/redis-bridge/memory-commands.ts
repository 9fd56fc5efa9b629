import type { Reply } from './backend';
import type { Keyspace } from './memory-keyspace';
import { unknownCommand, wrongArity } from './memory-errors';
import { hashCommands } from './memory-hashes';
import { keyCommands } from './memory-keys';
import { listCommands } from './memory-lists';
import { setCommands } from './memory-sets';
import { stringCommands } from './memory-strings';
import { zsetCommands } from './memory-zsets';

/**
 * The in-memory store's command table and dispatcher. Each command declares its arity the way
 * Redis does (counting the name; negative = at least), so arity errors come out exactly as Redis
 * words them and MULTI can refuse a bad command at queue time, before anything runs.
 */
export interface CommandSpec {
  arity: number;
  /** Receives the arguments after the command name. Throws RedisError for error replies. */
  run: (ks: Keyspace, args: string[]) => Reply;
}

export type CommandTable = Record<string, CommandSpec>;

// EVAL and friends are deliberately absent: they answer "ERR unknown command" like any other.
const COMMANDS: CommandTable = {
  ...keyCommands,
  ...stringCommands,
  ...hashCommands,
  ...listCommands,
  ...setCommands,
  ...zsetCommands,
};

/** Finds the command and checks its arity: the checks Redis makes when a command is queued. */
export function resolveCommand(cmd: readonly string[]): CommandSpec {
  const spec = Object.hasOwn(COMMANDS, cmd[0]?.toUpperCase() ?? '') ? COMMANDS[cmd[0].toUpperCase()] : undefined;
  if (!spec) throw unknownCommand(cmd);
  const ok = spec.arity >= 0 ? cmd.length === spec.arity : cmd.length >= -spec.arity;
  if (!ok) throw wrongArity(cmd[0]);
  return spec;
}

export function runCommand(ks: Keyspace, cmd: readonly string[]): Reply {
  return resolveCommand(cmd).run(ks, cmd.slice(1));
}
