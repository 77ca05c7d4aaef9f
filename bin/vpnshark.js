#!/usr/bin/env -S node --max-semi-space-size=4 --min-semi-space-size=4 --heap-growing-percent=30
import { main } from '../dist/src/cli/main.js';

await main(process.argv.slice(2));
