import {
  BENCH_SUBGRAPHS,
  benchSubgraphSchema,
  serveBenchSubgraph,
  type BenchSubgraphName,
} from './subgraphs/bench-subgraph';

/** `node subgraph-process.js <name> <port>`: serves one bench subgraph and prints `ready` once listening. */
const [name, port] = process.argv.slice(2);
if (!name || !(name in BENCH_SUBGRAPHS) || !port) {
  process.stderr.write(`usage: subgraph-process <${Object.keys(BENCH_SUBGRAPHS).join('|')}> <port>\n`);
  process.exit(2);
}
const server = serveBenchSubgraph(benchSubgraphSchema(name as BenchSubgraphName));
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
