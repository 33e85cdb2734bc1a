/** One doctor check on a database opened from `url` the way the CLI opens it: `verdict: detail`. */
import { connect, parseDatabaseUrl } from '../../src/connect.js';
import { doctor } from '../../src/doctor/index.js';

export async function doctorLine(url: string, check: string): Promise<string> {
  const opened = await connect(url, { poolSize: 1 });
  try {
    const found = (await doctor(opened.db, { url, prepare: parseDatabaseUrl(url).prepare ?? true })).find((c) => c.check === check);
    return `${found?.verdict ?? '?'}: ${found?.detail ?? ''}`;
  } finally {
    await opened.close();
  }
}
