#!/usr/bin/env node
import { runCli } from '../dist/bin/main.js';

await runCli(process.argv);
