// What `claw-provision apply` was asked to do, as typed options (built by src/cli/apply.ts).

export interface ApplyOptions {
  playbook: string;
  inventories: string[];
  limit?: string | undefined;
  tags: string[];
  skipTags: string[];
  check: boolean;
  diff: boolean;
  extraVars: string[];
  forks: number;
  user?: string | undefined;
  privateKey?: string | undefined;
  askPass: boolean;
  askBecomePass: boolean;
  becomePasswordFile?: string | undefined;
  vaultPasswordFiles: string[];
  vaultIds: string[];
  askVaultPass: boolean;
  startAtTask?: string | undefined;
  step: boolean;
  list?: 'tasks' | 'tags' | 'hosts' | undefined;
  syntaxCheck: boolean;
  forceHandlers: boolean;
  /** true = report on stdout; a string = report file. */
  json?: string | true | undefined;
  detailedExitcode: boolean;
  verbosity: number;
  hostKeyPolicy: 'strict' | 'accept-new';
}
