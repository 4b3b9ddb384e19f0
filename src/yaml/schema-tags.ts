import { Scalar, type ScalarTag, type Tags } from 'yaml';

// Ansible reads YAML with PyYAML (YAML 1.1). The `yaml` library's 1.1 schema is close; these
// are the differences that change values: PyYAML does not take y/n as booleans, needs a dot
// in floats (1e3 is a string), and we keep timestamps as strings (Ansible prints them back
// as written). `!vault` and `!unsafe` resolve to their text; the loader wraps them.

const BOOL = 'tag:yaml.org,2002:bool';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const FLOAT = 'tag:yaml.org,2002:float';

const trueTag: ScalarTag = {
  identify: (value) => value === true,
  default: true,
  tag: BOOL,
  test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  resolve: () => new Scalar(true),
};

const falseTag: ScalarTag = {
  identify: (value) => value === false,
  default: true,
  tag: BOOL,
  test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  resolve: () => new Scalar(false),
};

// PyYAML's resolver patterns where the `yaml` library's 1.1 schema is more liberal.
const PYYAML_FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*[eE][-+][0-9]+$/;
const PYYAML_FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)$/;
const PYYAML_INT = /^[-+]?(?:0|[1-9][0-9_]*)$/;
const INT = 'tag:yaml.org,2002:int';

function pyyamlTest(tag: ScalarTag): RegExp | undefined {
  if (tag.tag === FLOAT && tag.format === 'EXP') return PYYAML_FLOAT_EXP;
  // The plain float (not .inf/.nan, whose pattern starts with a group).
  if (tag.tag === FLOAT && tag.format === undefined && tag.test?.source.startsWith('^[-+]?(?:[0-9]')) return PYYAML_FLOAT;
  if (tag.tag === INT && tag.format === undefined) return PYYAML_INT;
  return undefined;
}

const textTag = (tag: string): ScalarTag => ({
  tag,
  identify: () => false,
  resolve: (text: string) => text,
});

export function ansibleTags(defaults: Tags): Tags {
  const kept = defaults
    .filter((tag) => typeof tag === 'string' || (tag.tag !== BOOL && tag.tag !== TIMESTAMP))
    .map((tag): Tags[number] => {
      if (typeof tag === 'string' || !('test' in tag)) return tag;
      const scalar = tag as ScalarTag;
      const test = pyyamlTest(scalar);
      return test ? { ...scalar, test } : scalar;
    });
  return [trueTag, falseTag, ...kept, textTag('!vault'), textTag('!unsafe')];
}
