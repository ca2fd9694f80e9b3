/** True when a file under `root/src` is newer than the last build's stamp (or there is none). */
export function buildIsStale(root: string): boolean;
