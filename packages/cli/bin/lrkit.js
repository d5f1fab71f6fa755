#!/usr/bin/env node
// The lrkit command. A committed launcher (not a build output), so npm links it before the first build.
import '../dist/main.js';
