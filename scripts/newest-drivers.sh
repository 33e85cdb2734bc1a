#!/usr/bin/env bash
# The newest-drivers run (issue 10 §5): installs the newest published release of every driver
# peer into .newest/ (its own package.json, nothing saved, gitignored) and runs the transaction,
# fault and driver suites with those releases (vitest.newest.config.ts aliases the package names).
# "Newest" is the newest release whose `engines.node` admits this Node: better-sqlite3 13 needs
# Node 22 and crashes on 20. Needs the servers of .ci/run (QZPAY_TEST_PG_URL, QZPAY_TEST_MYSQL_URL).
set -euo pipefail
cd "$(dirname "$0")/.."

drivers=(postgres pg mysql2 better-sqlite3 @libsql/client @electric-sql/pglite)

newest_for_this_node() { # package -> version
  node - "$1" <<'JS'
const { execFileSync } = require('node:child_process');
const semver = require('semver');
const pkg = process.argv[2];
const view = (...args) => execFileSync('npm', ['view', ...args], { encoding: 'utf8' }).trim();
const versions = JSON.parse(view(pkg, 'versions', '--json')).filter((v) => !semver.prerelease(v)).sort(semver.rcompare);
// One engines look-up per major (the newest of each), newest major first.
const seen = new Set();
for (const version of versions) {
  const major = semver.major(version);
  if (seen.has(major)) continue;
  seen.add(major);
  const engines = view(`${pkg}@${version}`, 'engines.node');
  if (!engines || semver.satisfies(process.version, engines)) {
    console.log(version);
    process.exit(0);
  }
}
console.error(`no release of ${pkg} supports Node ${process.version}`);
process.exit(1);
JS
}

specs=()
for pkg in "${drivers[@]}"; do
  version=$(newest_for_this_node "$pkg")
  specs+=("$pkg@$version")
done
echo "newest drivers: ${specs[*]}"

mkdir -p .newest
echo '{ "name": "qzpay-drizzle-newest-drivers", "private": true }' > .newest/package.json
(cd .newest && npm install --no-save --no-audit --no-fund --loglevel=error "${specs[@]}")

# The postgres-js session-kill storm is known to fail on postgres.js 3.4.x (an unhandled rejection
# from its array-type fetch, 1 of 18 runs on 3.4.9) and passes on 4.x (8 of 8 on 4.2.0): it runs
# here whenever the newest release is 4 or later, and stays off in the pinned 3.4 run
# (test/faults/kill-storm.test.ts).
postgres_major=$(node -p "require('./.newest/node_modules/postgres/package.json').version.split('.')[0]")
if (( postgres_major >= 4 )); then export QZPAY_TEST_PGJS_STORM=1; fi

npx vitest run --config vitest.newest.config.ts
