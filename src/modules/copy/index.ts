import { posix } from 'node:path';
import { shellQuote } from '../../facts/quote.js';
import { decryptVaultText, isVaultText } from '../../vault/index.js';
import { resolveMode } from '../common/mode.js';
import type { Module, ModuleContext, Plan, Step } from '../types.js';
import { gatherWrite, type WriteFacts } from './facts.js';
import { planWrite, type Source } from './plan.js';
import { copySchema, type CopyArgs } from './schema.js';

/** Absent when the arguments are refused (the plan reports why). */
export type CopyFacts = (WriteFacts & { source: Source }) | undefined;

/** Argument combinations copy refuses before touching anything. */
function argumentError(args: CopyArgs): string | undefined {
  if (args.remote_src) return 'remote_src: true is not supported by claw-provision (src must be on the controller)';
  if (args.src !== undefined && args.content !== undefined) return 'parameters are mutually exclusive: content|src';
  if (args.src === undefined && args.content === undefined) return 'src (or content) is required';
  if (args.content !== undefined && args.dest.endsWith('/')) return 'can not use content with a dir as dest';
  if (args.src?.endsWith('/')) return `copying a directory (${args.src}) is not supported by claw-provision`;
  return undefined;
}

async function gather(args: CopyArgs, ctx: ModuleContext): Promise<CopyFacts> {
  if (argumentError(args)) return undefined;
  let source: Source;
  if (args.src !== undefined) {
    const path = await ctx.controller.find('files', args.src);
    const raw = await ctx.controller.read(path);
    // Like Ansible, a vault-encrypted source file is copied decrypted (unless decrypt: false).
    const data = args.decrypt && isVaultText(raw.subarray(0, 64).toString('latin1')) ? decryptVaultText(raw.toString('utf8'), path) : raw;
    source = { data, path };
  } else {
    source = { data: Buffer.from(args.content ?? '', 'utf8') };
  }
  const facts = await gatherWrite(args, args.src !== undefined ? posix.basename(args.src) : undefined, source.data, ctx);
  return { ...facts, source };
}

export const copyModule: Module<CopyArgs, CopyFacts> = {
  name: 'ansible.builtin.copy',
  aliases: ['copy'],
  schema: copySchema,
  description: 'Copy a file from the controller (or inline content) to the host, atomically.',
  gather,
  plan(args, facts) {
    const error = argumentError(args);
    if (error !== undefined || facts === undefined) return { steps: [], fail: error ?? 'internal: copy facts missing' };
    const plan = args.dest.endsWith('/') && !facts.parent.exists ? withParentDirectory(args, facts) : planWrite(args, facts, facts.source);
    if (args.checksum !== undefined && !plan.fail && plan.result?.['checksum'] !== args.checksum) {
      const fields = { checksum: plan.result?.['checksum'], expected_checksum: args.checksum };
      return { steps: [], fail: 'Copied file does not match the expected checksum. Transfer failed.', result: fields };
    }
    return plan;
  },
};

/** A DEST ending in / is a directory copy creates (with directory_mode) before writing into it. */
function withParentDirectory(args: CopyArgs, facts: NonNullable<CopyFacts>): Plan {
  const dir = posix.dirname(facts.path);
  const plan = planWrite(args, { ...facts, parent: { exists: true, path: dir, isdir: true } }, facts.source);
  if (plan.fail !== undefined) return plan;
  const mode = args.directory_mode === undefined ? undefined : resolveMode(args.directory_mode, undefined, true);
  if (mode && !mode.ok) return { steps: [], fail: mode.msg };
  const mkdir: Step[] = [{ kind: 'exec', command: `mkdir -p -- ${shellQuote(dir)}` }];
  if (mode?.ok) mkdir.push({ kind: 'exec', command: `chmod ${mode.mode} ${shellQuote(dir)}` });
  // collect() indexes its outputs by step position, so shift them past the mkdir steps.
  const collect = plan.collect;
  // mkdir -p may create any missing ancestor: no `touches`, every cached fact goes.
  return { ...plan, steps: [...mkdir, ...plan.steps], touches: undefined, ...(collect ? { collect: (outputs) => collect(outputs.slice(mkdir.length)) } : {}) };
}
