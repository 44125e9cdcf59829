/**
 * Names of the files in a data directory. Numbers are zero-padded to 16 decimal digits so that
 * `ls` lists them in order.
 *
 *   LOCK                                        pid of the process using the directory (lock.ts)
 *   0000000000000001-0000000000000001.wal       log segment: <sequence>-<index of its first record>
 *   0000000000000002-0000000000010001.wal
 *   0000000000010002-0000000000010000.snap      snapshot: <store revision>-<last log index it covers>
 *   *.tmp                                       a snapshot being written (deleted on open)
 *   *.broken                                    a snapshot that failed its checksum (kept for a human)
 *
 * etcd names its files the same way (server/storage/wal/util.go walName: `%016x-%016x.wal`, seq
 * and raft index; server/etcdserver/api/snap/snapshotter.go: `%016x-%016x.snap`, term and index,
 * and it renames a snapshot that fails to load to `.broken`).
 */

const PAD = 16;

export interface SegmentName {
  name: string;
  /** 1, 2, 3... with no gaps while the log is intact. */
  seq: number;
  /** Log index of the segment's first record (its records are firstIndex, firstIndex+1, ...). */
  firstIndex: number;
}

export interface SnapshotName {
  name: string;
  revision: number;
  /** Last log index the snapshot covers: replay records with a higher index after loading it. */
  walIndex: number;
}

function pad(n: number): string {
  return String(n).padStart(PAD, '0');
}

export function segmentFileName(seq: number, firstIndex: number): string {
  return `${pad(seq)}-${pad(firstIndex)}.wal`;
}

export function snapshotFileName(revision: number, walIndex: number): string {
  return `${pad(revision)}-${pad(walIndex)}.snap`;
}

const SEGMENT_RE = /^(\d{16})-(\d{16})\.wal$/;
const SNAPSHOT_RE = /^(\d{16})-(\d{16})\.snap$/;

export function parseSegmentName(name: string): SegmentName | undefined {
  const m = SEGMENT_RE.exec(name);
  return m ? { name, seq: Number(m[1]), firstIndex: Number(m[2]) } : undefined;
}

export function parseSnapshotName(name: string): SnapshotName | undefined {
  const m = SNAPSHOT_RE.exec(name);
  return m ? { name, revision: Number(m[1]), walIndex: Number(m[2]) } : undefined;
}

/** Segments in log order. */
export function listSegments(names: readonly string[]): SegmentName[] {
  return names
    .map(parseSegmentName)
    .filter((s): s is SegmentName => s !== undefined)
    .sort((a, b) => a.seq - b.seq);
}

/** Snapshots, newest (highest log index) first. */
export function listSnapshots(names: readonly string[]): SnapshotName[] {
  return names
    .map(parseSnapshotName)
    .filter((s): s is SnapshotName => s !== undefined)
    .sort((a, b) => b.walIndex - a.walIndex || b.revision - a.revision);
}
