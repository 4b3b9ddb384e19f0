// The emitter's analyze_scalar and the YAML 1.1 implicit resolvers it is paired with, ported
// so to_yaml/to_nice_yaml choose plain, 'single' or "double" quoting exactly as Ansible. Ansible
// dumps with libyaml's emitter (CSafeDumper) when PyYAML has it, as Debian's does; where libyaml
// and pure-Python PyYAML differ (printable set, double-quoted folding) we follow libyaml.

export interface ScalarAnalysis {
  empty: boolean;
  multiline: boolean;
  allowFlowPlain: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';
const BREAKS = '\n\x85\u2028\u2029';

/** libyaml's IS_PRINTABLE: no NEL, no BOM, nothing beyond the BMP. */
export function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

interface ScalarScan {
  blockIndicators: boolean;
  flowIndicators: boolean;
  lineBreaks: boolean;
  special: boolean;
  leadingSpace: boolean;
  leadingBreak: boolean;
  trailingSpace: boolean;
  trailingBreak: boolean;
  breakSpace: boolean;
  spaceBreak: boolean;
}

function scanIndicators(ch: string, index: number, precededByWs: boolean, followedByWs: boolean, scan: ScalarScan): void {
  if (index === 0) {
    if ("#,[]{}&*!|>'\"%@`".includes(ch)) scan.flowIndicators = scan.blockIndicators = true;
    if ('?:'.includes(ch)) {
      scan.flowIndicators = true;
      if (followedByWs) scan.blockIndicators = true;
    }
    if (ch === '-' && followedByWs) scan.flowIndicators = scan.blockIndicators = true;
  } else {
    if (',?[]{}'.includes(ch)) scan.flowIndicators = true;
    if (ch === ':') {
      scan.flowIndicators = true;
      if (followedByWs) scan.blockIndicators = true;
    }
    if (ch === '#' && precededByWs) scan.flowIndicators = scan.blockIndicators = true;
  }
}

function scan(chars: string[]): ScalarScan {
  const text = chars.join('');
  const s: ScalarScan = { blockIndicators: false, flowIndicators: false, lineBreaks: false, special: false, leadingSpace: false, leadingBreak: false, trailingSpace: false, trailingBreak: false, breakSpace: false, spaceBreak: false };
  if (text.startsWith('---') || text.startsWith('...')) s.blockIndicators = s.flowIndicators = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1] ?? '');
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, index) => {
    scanIndicators(ch, index, precededByWs, followedByWs, s);
    if (BREAKS.includes(ch)) s.lineBreaks = true;
    if (!isPrintable(ch)) s.special = true;
    const last = index === chars.length - 1;
    if (ch === ' ') {
      if (index === 0) s.leadingSpace = true;
      if (last) s.trailingSpace = true;
      if (previousBreak) s.breakSpace = true;
      [previousSpace, previousBreak] = [true, false];
    } else if (BREAKS.includes(ch)) {
      if (index === 0) s.leadingBreak = true;
      if (last) s.trailingBreak = true;
      if (previousSpace) s.spaceBreak = true;
      [previousSpace, previousBreak] = [false, true];
    } else [previousSpace, previousBreak] = [false, false];
    precededByWs = SPACE_OR_BREAK.includes(ch);
    followedByWs = index + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[index + 2] ?? '');
  });
  return s;
}

export function analyzeScalar(scalar: string): ScalarAnalysis {
  if (!scalar) return { empty: true, multiline: false, allowFlowPlain: false, allowBlockPlain: true, allowSingleQuoted: true };
  const s = scan([...scalar]);
  let flowPlain = true;
  let blockPlain = true;
  let single = true;
  if (s.leadingSpace || s.leadingBreak || s.trailingSpace || s.trailingBreak) flowPlain = blockPlain = false;
  if (s.breakSpace) flowPlain = blockPlain = single = false;
  if (s.spaceBreak || s.special) flowPlain = blockPlain = single = false;
  if (s.lineBreaks) flowPlain = blockPlain = false;
  if (s.flowIndicators) flowPlain = false;
  if (s.blockIndicators) blockPlain = false;
  return { empty: false, multiline: s.lineBreaks, allowFlowPlain: flowPlain, allowBlockPlain: blockPlain, allowSingleQuoted: single };
}

// PyYAML's (YAML 1.1) implicit resolvers: a string matching one of these must be quoted.
const IMPLICIT: Array<[string, RegExp]> = [
  ['bool', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  ['float', /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/],
  ['int', /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
  ['merge', /^(?:<<)$/],
  ['null', /^(?:~|null|Null|NULL|)$/],
  ['timestamp', /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/],
  ['value', /^(?:=)$/],
];

/** True when a plain scalar with this text would load back as a string. */
export function resolvesToString(text: string): boolean {
  return !IMPLICIT.some(([, re]) => re.test(text));
}
