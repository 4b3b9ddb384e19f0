// Kept in sync with package.json by test/unit/version.test.ts; a constant keeps start-up free of file reads.
export const VERSION = '0.1.0';
