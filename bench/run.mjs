#!/usr/bin/env node
// `npm run bench`: figures next to baselines measured in the same run (see bench/chat.mjs, bench/mcp.mjs).
//   BENCH_ONLY=chat|offline|mcp|voice to run one; offline (bench/offline.mjs): the eval conversations, BENCH_OFFLINE_CONCURRENCY (4) at a time;
//   chat: BENCH_SESSIONS (20) × BENCH_TURNS (5) at BENCH_LATENCY_MS (200), then BENCH_SESSIONS_HIGH (100; 0 skips);
//   mcp: BENCH_MCP_CALLS (300) at BENCH_MCP_CONCURRENCY (8); voice (bench/voice.mjs): BENCH_VOICE_CALLS (1,50)
//   concurrent calls, BENCH_VOICE_SECONDS (5) of audio each way per call; analytics (bench/analytics.mjs):
//   BENCH_ANALYTICS_INTERACTIONS (10,000) seeded, BENCH_ANALYTICS_CALLS (40) requests per figure.
// Ends with the goals table (bench/goals.mjs): each goal a ratio or figure from this run, PASS or FAIL.
// A CPU profile of offline turns: npm run bench:profile (bench/profile.mjs); of the voice relay: BENCH_VOICE_PROFILE=1.
import { benchAnalytics } from './analytics.mjs';
import { benchChat } from './chat.mjs';
import { printGoals } from './goals.mjs';
import { benchMcp } from './mcp.mjs';
import { benchOffline } from './offline.mjs';
import { benchVoice } from './voice.mjs';

const only = process.env.BENCH_ONLY;
if (!only || only === 'chat') {
  await benchChat({
    sessions: Number(process.env.BENCH_SESSIONS ?? 20),
    highSessions: Number(process.env.BENCH_SESSIONS_HIGH ?? 100),
    turns: Number(process.env.BENCH_TURNS ?? 5),
    latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 200),
  });
}
if (!only || only === 'offline') {
  await benchOffline({ concurrency: Number(process.env.BENCH_OFFLINE_CONCURRENCY ?? 4) });
}
if (!only || only === 'mcp') {
  await benchMcp({ calls: Number(process.env.BENCH_MCP_CALLS ?? 300), concurrency: Number(process.env.BENCH_MCP_CONCURRENCY ?? 8) });
}
if (!only || only === 'voice') {
  await benchVoice({
    levels: (process.env.BENCH_VOICE_CALLS ?? '1,50').split(',').map(Number),
    seconds: Number(process.env.BENCH_VOICE_SECONDS ?? 5),
    profile: process.env.BENCH_VOICE_PROFILE === '1',
  });
}
if (!only || only === 'analytics') {
  await benchAnalytics({ interactions: Number(process.env.BENCH_ANALYTICS_INTERACTIONS ?? 10_000), calls: Number(process.env.BENCH_ANALYTICS_CALLS ?? 40) });
}
printGoals();
