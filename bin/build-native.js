#!/usr/bin/env node
// Builds our GB18030 transcoder (native/gb18030-to-utf8, Rust: encoding_rs) with cargo, where cargo is installed.
// Run by `npm ci` (postinstall). Without cargo, or when the build fails, nothing else fails: GB18030 files go
// through glibc's iconv instead (about three times the CPU), and this says so. AFTERSIGHT_NATIVE_REQUIRED=1 (CI)
// makes a failed build fail the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const manifest = path.join(path.dirname(fileURLToPath(import.meta.url)), '../native/gb18030-to-utf8/Cargo.toml');
// rustup's cargo is on PATH in a login shell; npm's scripts may run without it.
const rustup = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin/cargo');
const cargo = fs.existsSync(rustup) ? rustup : 'cargo';
const built = spawnSync(cargo, ['build', '--release', '--locked', '--quiet', '--manifest-path', manifest], { stdio: 'inherit' });
if (built.status !== 0) {
  const why =
    built.error?.code === 'ENOENT' ? 'cargo is not installed' : `cargo failed (${built.error?.message ?? `exit ${built.status}`})`;
  console.warn(`Aftersight: the GB18030 transcoder was not built (${why}): GB18030 files will be read through iconv, slower.`);
  if (process.env.AFTERSIGHT_NATIVE_REQUIRED === '1') process.exit(1);
}
