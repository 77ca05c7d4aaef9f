/** The subcommands, one file each; main.ts registers every one listed here. */
import type { CommandModule } from 'yargs';
import { checkCommand } from './check.js';
import { fieldsCommand } from './fieldlist.js';
import { flowCommand } from './flow.js';
import { reportCommand } from './report.js';
import { sessionsCommand } from './sessions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: CommandModule<any, any>[] = [fieldsCommand, checkCommand, sessionsCommand, flowCommand, reportCommand];
