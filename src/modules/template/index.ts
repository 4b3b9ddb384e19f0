import { defineSchema } from '../common/schema.js';
import { gatherWrite, type WriteFacts } from '../copy/facts.js';
import { planWrite, type Source } from '../copy/plan.js';
import { writeArgs, type WriteArgs } from '../copy/schema.js';
import type { Module } from '../types.js';
import { posix } from 'node:path';

// template = render on the controller, then exactly copy's plan with the rendered bytes.

interface TemplateArgs extends WriteArgs {
  src: string;
  newline_sequence: string;
  output_encoding: string;
  trim_blocks: boolean;
  lstrip_blocks: boolean;
}

type TemplateFacts = WriteFacts & { source: Source };

const schema = defineSchema({
  src: { type: 'string', required: true, description: "Template file, looked up in the role's templates/ then next to the playbook." },
  newline_sequence: { type: 'string', default: '\n', choices: ['\n'], description: 'Only "\\n" is supported.' },
  output_encoding: { type: 'string', default: 'utf-8', choices: ['utf-8', 'utf8'], description: 'Only utf-8 is supported.' },
  trim_blocks: { type: 'boolean', default: true, description: 'Accepted for compatibility; only the default (true) is supported.' },
  lstrip_blocks: { type: 'boolean', default: false, description: 'Accepted for compatibility; only the default (false) is supported.' },
  ...writeArgs,
});

export const templateModule: Module<TemplateArgs, TemplateFacts> = {
  name: 'ansible.builtin.template',
  aliases: ['template'],
  schema,
  description: 'Render a Jinja2 template on the controller and write it to the host, atomically.',
  async gather(args, ctx) {
    const path = await ctx.controller.find('templates', args.src);
    const source: Source = { data: Buffer.from(await ctx.controller.renderTemplate(path), 'utf8'), path };
    return { ...(await gatherWrite(args, posix.basename(args.src), source.data, ctx)), source };
  },
  plan(args, facts) {
    // Only Ansible's defaults are implemented; anything else must not be silently ignored.
    if (!args.trim_blocks || args.lstrip_blocks) return { steps: [], fail: 'only trim_blocks: true and lstrip_blocks: false are supported by claw-provision' };
    return planWrite(args, facts, facts.source);
  },
};
