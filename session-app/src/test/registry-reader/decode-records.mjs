// An independent reader of sessionflow's topics: Confluent's JavaScript schema-registry client decodes each record
// by the schema id in it, fetched from the registry's Confluent-compatible API, with no sessionflow code or schema.
// Usage: node decode-records.mjs <registry ccompat URL> <records.jsonl>
//   each input line: {"topic": ..., "partition": n, "offset": n, "value": "<base64 of the record value>"}
//   each output line: {"topic", "partition", "offset", "schemaId", "value"} (the decoded value as JSON), or
//   {"topic", "partition", "offset", "error"} when a record does not decode; exit 0 once every line is answered.
import { readFileSync } from 'node:fs';
import { AvroDeserializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';

const [url, file] = process.argv.slice(2);
const client = new SchemaRegistryClient({ baseURLs: [url] });
const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});

const json = (value) => JSON.stringify(value, (key, v) =>
  typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v);

for (const line of readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
  const record = JSON.parse(line);
  const bytes = Buffer.from(record.value, 'base64');
  const where = { topic: record.topic, partition: record.partition, offset: record.offset };
  try {
    const value = await deserializer.deserialize(record.topic, bytes);
    console.log(json({ ...where, schemaId: bytes.readInt32BE(1), value }));
  } catch (e) {
    console.log(json({ ...where, error: String(e && e.message ? e.message : e) }));
  }
}
