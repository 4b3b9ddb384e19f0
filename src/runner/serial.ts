// `serial:` splits a play's hosts into batches: a number, a percentage ("30%") or a list of
// either; the last size repeats until every host has run (Ansible's semantics).

export function serialBatches(hosts: string[], serial: Array<number | string> | undefined): string[][] {
  if (!serial || serial.length === 0) return [hosts];
  const sizes = serial.map((entry) => batchSize(entry, hosts.length));
  const batches: string[][] = [];
  let start = 0;
  let index = 0;
  while (start < hosts.length) {
    const size = sizes[Math.min(index, sizes.length - 1)] ?? hosts.length;
    batches.push(hosts.slice(start, start + size));
    start += size;
    index += 1;
  }
  return batches;
}

function batchSize(entry: number | string, total: number): number {
  const text = String(entry).trim();
  const size = text.endsWith('%') ? Math.floor((total * Number.parseFloat(text)) / 100) : Number.parseInt(text, 10);
  // 0 or an unparsable value means "all hosts"; a tiny percentage still runs one host.
  if (!Number.isFinite(size) || size <= 0) return text.endsWith('%') ? 1 : total;
  return size;
}
