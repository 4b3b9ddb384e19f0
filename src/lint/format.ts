import type { Finding, Rule } from './types.js';

// Three ways to print findings: the line format editors jump to, JSON, and SARIF 2.1.0 for code scanning.

export function formatText(findings: Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.rule} ${f.severity === 'warning' ? '(warning) ' : ''}${f.message}`).join('\n');
}

export function formatJson(findings: Finding[]): string {
  return JSON.stringify(findings, null, 2);
}

export function formatSarif(findings: Finding[], rules: Rule[]): string {
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'claw-provision lint', rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description } })) } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          level: f.severity === 'warning' ? 'warning' : 'error',
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line, startColumn: f.col } } }],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
